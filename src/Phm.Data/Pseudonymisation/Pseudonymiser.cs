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

    /// <summary>
    /// A source record's identity (say, an identifier's system and value, or a source system's name, a resource type and
    /// an id) as 128 bits of HMAC-SHA256 in hex, like a pseudonym: an identifier's value can be an NHS number and an export's
    /// ids can name patients, and a plain hash of a short number is reversed by trying them all. Each part is written
    /// after its length, so no two lists of parts give the same message.
    /// </summary>
    public string PseudonymiseRecordIdentity(params ReadOnlySpan<string> parts)
    {
        var message = new StringBuilder("phm-hub/source-record/v1:");
        foreach (var part in parts)
            message.Append(part.Length).Append(':').Append(part);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes(message.ToString()), mac);
        return Convert.ToHexStringLower(mac[..16]);
    }
}
