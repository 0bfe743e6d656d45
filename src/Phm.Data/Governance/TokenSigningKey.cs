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

    public static SymmetricSecurityKey LoadOrCreate(PhmOptions options)
    {
        var path = PathIn(options);
        var bytes = Convert.FromBase64String(OwnerOnlyFile.ReadOrCreateSecret(path, Bytes).Trim());
        return bytes.Length >= Bytes
            ? new SymmetricSecurityKey(bytes)
            : throw new InvalidOperationException($"The token signing key in {path} is shorter than {Bytes} bytes.");
    }
}
