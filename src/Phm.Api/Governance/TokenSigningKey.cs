using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Phm.Data.Store;

namespace Phm.Api.Governance;

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
        if (!File.Exists(path))
        {
            try
            {
                OwnerOnlyFile.CreateNew(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(Bytes)));
            }
            catch (IOException) when (File.Exists(path))
            {
                // The hub and the command line may both create it on a first start; the first one's key stands.
            }
        }
        var bytes = Convert.FromBase64String(File.ReadAllText(path).Trim());
        return bytes.Length >= Bytes
            ? new SymmetricSecurityKey(bytes)
            : throw new InvalidOperationException($"The token signing key in {path} is shorter than {Bytes} bytes.");
    }
}
