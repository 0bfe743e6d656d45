using Microsoft.IdentityModel.Tokens;
using Phm.Data.Store;

namespace Phm.Data.Governance;

/// <summary>
/// The key that signs and checks locally issued tokens (HMAC-SHA256): <c>Phm:Auth:SigningKey</c> (base64 of at least 32 bytes) when
/// configured, which every hub behind a load balancer must share so that each accepts the others' tokens; else
/// <c>keys/token-signing.key</c> in the data directory, 32 random bytes created on first use, readable by its owner only.
/// Whoever reads it can mint any role; never log it.
/// </summary>
public static class TokenSigningKey
{
    public const string FileName = "token-signing.key";
    public const string SettingName = PhmAuthOptions.SectionName + ":" + nameof(PhmAuthOptions.SigningKey);
    private const int Bytes = 32;

    public static string PathIn(PhmOptions options) => Path.Combine(options.ResolveDataDirectory(), "keys", FileName);

    /// <summary>
    /// The configured key, else the key file's, created if missing; a corrupt key is refused with an error naming the setting or
    /// the file and the reason, never the key (<see cref="OwnerOnlyFile.DecodeKey"/>).
    /// </summary>
    public static SymmetricSecurityKey Resolve(PhmOptions options, PhmAuthOptions? auth) =>
        auth?.SigningKey is { } configured
            ? new(OwnerOnlyFile.DecodeKey(configured, Bytes, $"The token signing key in {SettingName}"))
            : new(OwnerOnlyFile.ReadOrCreateKey(PathIn(options), Bytes, "token signing key"));
}
