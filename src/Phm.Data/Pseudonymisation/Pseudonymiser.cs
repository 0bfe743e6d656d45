using System.Security.Cryptography;
using System.Text;

namespace Phm.Data.Pseudonymisation;

/// <summary>
/// Turns an NHS number into a stable pseudonym: HMAC-SHA256 under a secret key held outside the store, truncated to
/// 128 bits and written as 32 lower-case hex digits (the same shape as a generated patient's pseudonym). Without the key the
/// pseudonym cannot be recomputed from a list of NHS numbers, which a plain hash of a ten-digit number would allow.
/// </summary>
public sealed class Pseudonymiser(PseudonymisationKey key)
{
    /// <summary>Binds the pseudonym to its purpose, so the same key used for anything else yields unrelated values.</summary>
    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("phm-hub/patient-pseudonym/v1:");

    public string Pseudonymise(NhsNumber number)
    {
        Span<byte> message = stackalloc byte[Purpose.Length + 10];
        Purpose.CopyTo(message);
        Encoding.ASCII.GetBytes(number.Digits, message[Purpose.Length..]);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key.Bytes, message, mac);
        return Convert.ToHexStringLower(mac[..16]);
    }
}
