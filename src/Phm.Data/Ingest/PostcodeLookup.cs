using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Phm.Data.Ingest;

/// <summary>
/// Postcode to 2011 LSOA, from the ONS lookup a Place already holds (PCD_OA_LSOA_MSOA_LAD, the NSPL or the ONSPD, as
/// CSV). The hub ships none: the national file is hundreds of megabytes, and an LSOA must never be guessed. Only
/// postcodes in the store's LSOAs are kept, so the city's lookup is small whatever the file's size. Postcodes are used to
/// find the LSOA and then dropped: never stored, logged or quarantined.
/// </summary>
public sealed class PostcodeLookup
{
    /// <summary>Column names the ONS files use, in order of preference (compared without case).</summary>
    private static readonly string[] PostcodeColumns = ["pcds", "pcd", "pcd7", "pcd8", "postcode"];
    private static readonly string[] LsoaColumns = ["lsoa11cd", "lsoa11", "lsoa_code"];

    private readonly Dictionary<string, string> _lsoas;

    private PostcodeLookup(Dictionary<string, string> lsoas) => _lsoas = lsoas;

    /// <summary>Reads <paramref name="path"/>, keeping the postcodes that lie in <paramref name="storeLsoas"/>.</summary>
    public static PostcodeLookup Load(string path, IReadOnlySet<string> storeLsoas)
    {
        if (!File.Exists(path))
            throw new IngestException($"{path}: no such postcode lookup file.");
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, BadDataFound = null });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
            throw new IngestException($"{path}: the postcode lookup is empty.");
        var postcodeColumn = ColumnOf(header, PostcodeColumns);
        var lsoaColumn = ColumnOf(header, LsoaColumns);
        if (postcodeColumn < 0 || lsoaColumn < 0)
            throw new IngestException($"{path}: a postcode lookup needs a postcode column ({string.Join(", ", PostcodeColumns)}) and a 2011 LSOA column ({string.Join(", ", LsoaColumns)}), as the ONS lookups have.");

        var lsoas = new Dictionary<string, string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            if (csv.GetField(lsoaColumn) is { Length: > 0 } lsoa && storeLsoas.Contains(lsoa) && csv.GetField(postcodeColumn) is { Length: > 0 } postcode)
                lsoas[Normalise(postcode)] = lsoa;
        }
        return new PostcodeLookup(lsoas);
    }

    public bool TryFind(string postcode, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? lsoa) => _lsoas.TryGetValue(Normalise(postcode), out lsoa);

    /// <summary>"so14 7aa", "SO147AA" and "SO14  7AA" are one postcode.</summary>
    private static string Normalise(string postcode) => string.Concat(postcode.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    private static int ColumnOf(string[] header, string[] names) =>
        names.Select(name => Array.FindIndex(header, column => string.Equals(column, name, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(i => i >= 0, -1);
}
