using GraphQL.Types;

namespace Phm.Api.Geography;

/// <summary>A local authority district as named on an LSOA.</summary>
public sealed record LocalAuthority(string Code, string Name);

public sealed class LocalAuthorityType : ObjectGraphType<LocalAuthority>
{
    public LocalAuthorityType()
    {
        Name = "LocalAuthority";
        Description = "A local authority district (lower tier or unitary).";
        Field(a => a.Code).Description("ONS code of the local authority, e.g. E06000045.");
        Field(a => a.Name).Description("Name of the local authority, e.g. Southampton.");
    }
}
