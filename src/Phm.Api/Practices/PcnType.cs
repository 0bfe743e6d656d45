using GraphQL.Types;
using Phm.Data.Practices;

namespace Phm.Api.Practices;

public sealed class PcnType : ObjectGraphType<Pcn>
{
    public PcnType()
    {
        Name = "Pcn";
        Description = "A Primary Care Network: practices working together for a neighbourhood.";
        Field(p => p.Code).Description("ODS code of the PCN.");
        Field(p => p.Name).Description("Name of the PCN.");
    }
}
