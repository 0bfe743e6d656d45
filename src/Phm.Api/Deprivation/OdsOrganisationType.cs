using GraphQL.Types;

namespace Phm.Api.Deprivation;

/// <summary>A PCN or practice as the Organisation Data Service names it.</summary>
public sealed record OdsOrganisation(string Code, string Name);

public sealed class OdsOrganisationType : ObjectGraphType<OdsOrganisation>
{
    public OdsOrganisationType()
    {
        Name = "OdsOrganisation";
        Description = "A PCN or practice, by its Organisation Data Service code and name.";
        Field(o => o.Code).Description("ODS code, e.g. U47004 for a PCN or J82001 for a practice.");
        Field(o => o.Name).Description("ODS name.");
    }
}
