using GraphQL.Types;
using Phm.Data.Patients;

namespace Phm.Api.Patients;

public sealed class CareFlagType : ObjectGraphType<CareFlag>
{
    public CareFlagType()
    {
        Name = "CareFlag";
        Description = "A care-planning fact recorded for a patient.";
        Field<NonNullGraphType<CareFlagKindType>>("kind").Description("What was recorded.").Resolve(context => context.Source.Kind);
        Field(f => f.RecordedOn).Description("Date it was recorded.");
    }
}
