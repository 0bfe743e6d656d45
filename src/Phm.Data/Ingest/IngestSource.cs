using System.Security.Cryptography;

namespace Phm.Data.Ingest;

/// <summary>
/// How the quarantine names an input file: by a digest of its content, so next month's extract is a new source even
/// under the same name, and <c>sha256sum</c> finds the file again. A CSV extract's name is kept beside it (the schema
/// fixes the names); a FHIR file's is not, since exports name files after patients (Synthea writes Given_Family_id.json).
/// </summary>
public static class IngestSource
{
    public static async Task<string> NameAsync(string path, bool nameIsSafe, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var digest = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken))[..16];
        var name = nameIsSafe ? Path.GetFileName(path) : Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
        return $"{name} sha256:{digest}";
    }
}
