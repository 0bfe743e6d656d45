using Microsoft.IdentityModel.Tokens;
using Phm.Data.Store;

namespace Phm.Data.Governance;

/// <summary>
/// The key that signs and checks locally issued tokens (HMAC-SHA256): <c>keys/token-signing.key</c> in the data directory,
/// 32 random bytes created on first use, readable by its owner only. Whoever reads it can mint any role; never log it.
/// </summary>
public static class TokenSigningKey
{
    public const string FileName = "token-signing.key";
    private const int Bytes = 32;

    public static string PathIn(PhmOptions options) => Path.Combine(options.ResolveDataDirectory(), "keys", FileName);

    /// <summary>The key, created if missing; a corrupt key file is refused with an error naming it (<see cref="OwnerOnlyFile.ReadOrCreateKey"/>).</summary>
    public static SymmetricSecurityKey LoadOrCreate(PhmOptions options) =>
        new(OwnerOnlyFile.ReadOrCreateKey(PathIn(options), Bytes, "token signing key"));
}
