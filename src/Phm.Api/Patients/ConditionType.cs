using GraphQL.Types;
using Phm.Data.Patients;

namespace Phm.Api.Patients;

public sealed class ConditionType : ObjectGraphType<Condition>
{
    public ConditionType()
    {
        Name = "Condition";
        Description = "An entry on a long-term condition register: a diagnosis, or a code that records the condition resolved.";
        Field<NonNullGraphType<ConditionRegisterType>>("register").Description("The register.").Resolve(context => context.Source.Register);
        Field<NonNullGraphType<ConditionKindType>>("kind").Description("A diagnosis, or the condition recorded resolved.").Resolve(context => context.Source.Kind);
        Field(c => c.SnomedCode).Description("SNOMED CT concept the entry was coded with.");
        Field(c => c.OnsetDate).Description("Date of diagnosis, or for a resolution the date the condition was recorded resolved.");
        Field(c => c.CodeList).Description("The register code list that placed the code on the register, such as registers.v2 (db/reference/code-lists).");
    }
}
