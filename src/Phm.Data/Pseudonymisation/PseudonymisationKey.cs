using Phm.Data.Store;

namespace Phm.Data.Pseudonymisation;

/// <summary>
/// The pseudonymisation key: from the environment variable <c>PHM_PSEUDONYMISATION_KEY</c> (base64 of at least 32 bytes),
/// or from a key file outside the store, created with 32 random bytes and readable by its owner only on first use.
/// Losing the key means new extracts no longer match earlier pseudonyms; leaking it lets anyone with NHS numbers re-identify.
/// </summary>
public sealed class PseudonymisationKey
{
    public const string EnvironmentVariable = "PHM_PSEUDONYMISATION_KEY";
    public const int MinimumBytes = 32;

    private PseudonymisationKey(byte[] bytes) => Bytes = bytes;

    internal byte[] Bytes { get; }

    public static PseudonymisationKey FromEnvironmentOrFile(string keyFile)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment)
            ? LoadOrCreate(keyFile)
            : new PseudonymisationKey(OwnerOnlyFile.DecodeKey(fromEnvironment, MinimumBytes, $"The pseudonymisation key in the environment variable {EnvironmentVariable}"));
    }

    public static PseudonymisationKey LoadOrCreate(string keyFile) =>
        new(OwnerOnlyFile.ReadOrCreateKey(keyFile, MinimumBytes, "pseudonymisation key"));
}
