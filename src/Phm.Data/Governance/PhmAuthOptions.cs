namespace Phm.Data.Governance;

/// <summary>
/// <c>Phm:Auth</c>: an external OpenID Connect issuer. Without an authority the hub checks tokens signed with its own key
/// (<see cref="TokenSigningKey"/>), which <c>phm token</c> issues.
/// </summary>
public sealed class PhmAuthOptions
{
    public const string SectionName = "Phm:Auth";

    public string? Authority { get; set; }
    public string? Audience { get; set; }

    public bool UsesExternalIssuer => !string.IsNullOrEmpty(Authority);
}
