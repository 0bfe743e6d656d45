using GraphQL.Types;
using Phm.Data.Patients;

namespace Phm.Api.Patients;

public sealed class ConditionType : ObjectGraphType<Condition>
{
    public ConditionType()
    {
        Name = "Condition";
        Description = "An entry on a long-term condition register.";
        Field<NonNullGraphType<ConditionRegisterType>>("register").Description("The register.").Resolve(context => context.Source.Register);
        Field(c => c.SnomedCode).Description("SNOMED CT concept the diagnosis was coded with.");
        Field(c => c.OnsetDate).Description("Date of diagnosis.");
    }
}
