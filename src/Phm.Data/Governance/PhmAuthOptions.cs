namespace Phm.Data.Governance;

/// <summary>
/// <c>Phm:Auth</c>: an external OpenID Connect issuer. Without an authority the hub checks tokens signed with its own key
/// (<see cref="TokenSigningKey"/>: <c>Phm:Auth:SigningKey</c> or a file in the data directory), which <c>phm token</c> issues.
/// </summary>
public sealed class PhmAuthOptions
{
    public const string SectionName = "Phm:Auth";

    public string? Authority { get; set; }
    public string? Audience { get; set; }

    /// <summary>The local issuer's key in base64 (<see cref="TokenSigningKey"/>), shared by every hub of a deployment; a secret.</summary>
    public string? SigningKey { get; set; }

    public bool UsesExternalIssuer => !string.IsNullOrEmpty(Authority);
}
