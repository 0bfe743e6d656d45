using System.Buffers.Binary;
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

    /// <summary>Keyed hashes of source record identities, for one reader at a time.</summary>
    public RecordIdentityHasher CreateRecordIdentityHasher() => new(key);
}

/// <summary>
/// A source record's identity (say, an identifier's system and value, or a source system's name, a resource type and an
/// id) as 128 bits of HMAC-SHA256 in hex, like a pseudonym and under the same key but bound to another purpose: an
/// identifier's value can be an NHS number and an export's ids can name patients, and a plain hash of a short number is
/// reversed by trying them all. Not thread-safe: it reuses one HMAC, as a new one per record costs twice the hashing.
/// </summary>
public sealed class RecordIdentityHasher : IDisposable
{
    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("phm-hub/source-record/v1:");

    private readonly IncrementalHash _mac;
    private readonly byte[] _hash = new byte[HMACSHA256.HashSizeInBytes];

    internal RecordIdentityHasher(PseudonymisationKey key) => _mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.Bytes);

    /// <summary>Each part is hashed after its length, so no two lists of parts give the same message.</summary>
    public string Hash(params ReadOnlySpan<string> parts)
    {
        _mac.AppendData(Purpose);
        Span<byte> length = stackalloc byte[sizeof(int)];
        foreach (var part in parts)
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            _mac.AppendData(length);
            _mac.AppendData(bytes);
        }
        _mac.GetHashAndReset(_hash);
        return Convert.ToHexStringLower(_hash.AsSpan(0, 16));
    }

    public void Dispose() => _mac.Dispose();
}
