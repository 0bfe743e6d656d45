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
            : FromBase64(fromEnvironment, $"the environment variable {EnvironmentVariable}");
    }

    public static PseudonymisationKey LoadOrCreate(string keyFile) =>
        FromBase64(OwnerOnlyFile.ReadOrCreateSecret(keyFile, MinimumBytes), $"the key file {keyFile}");

    private static PseudonymisationKey FromBase64(string text, string source)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            // Never echo the value: it is the secret.
            throw new InvalidOperationException($"The pseudonymisation key in {source} is not base64.");
        }

        return bytes.Length >= MinimumBytes
            ? new PseudonymisationKey(bytes)
            : throw new InvalidOperationException($"The pseudonymisation key in {source} has {bytes.Length} bytes; at least {MinimumBytes} are needed.");
    }
}
