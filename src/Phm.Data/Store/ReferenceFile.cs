using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using CsvHelper.Configuration;

namespace Phm.Data.Store;

/// <summary>
/// Reads one published CSV file (optionally gzipped) row by row. Every parse failure names the file, the row and the column,
/// because reference files are replaced by hand and a silent misread would skew every figure built on them.
/// </summary>
public sealed class ReferenceFile : IDisposable
{
    private readonly StreamReader _reader;
    private readonly CsvReader _csv;

    private ReferenceFile(string path)
    {
        Path = path;
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            stream = new GZipStream(stream, CompressionMode.Decompress);
        _reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        _csv = new CsvReader(_reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
    }

    public string Path { get; }

    /// <summary>Data row number, 1 for the first row after the header.</summary>
    public int Row { get; private set; }

    public static IEnumerable<ReferenceFile> Rows(string path, params string[] requiredColumns)
    {
        if (!File.Exists(path))
            throw new ReferenceDataException($"{path}: reference file is missing.");
        using var file = new ReferenceFile(path);
        file.ReadHeader(requiredColumns);
        while (file._csv.Read())
        {
            file.Row++;
            yield return file;
        }
    }

    private void ReadHeader(string[] requiredColumns)
    {
        if (!_csv.Read() || !_csv.ReadHeader())
            throw new ReferenceDataException($"{Path}: the file has no header row.");
        var header = _csv.HeaderRecord ?? [];
        var missing = requiredColumns.Where(column => !header.Contains(column, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
            throw new ReferenceDataException($"{Path}: missing column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}.");
    }

    public string Text(string column)
    {
        var value = _csv.GetField(column);
        return string.IsNullOrWhiteSpace(value) ? throw Invalid(column, value, "a value is required") : value;
    }

    /// <summary>Whole numbers as published, which may carry thousands separators ("29,199").</summary>
    public int WholeNumber(string column)
    {
        var value = Text(column);
        return int.TryParse(value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Invalid(column, value, "not a whole number");
    }

    public double Number(string column)
    {
        var value = Text(column);
        return double.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Invalid(column, value, "not a number");
    }

    public ReferenceDataException Invalid(string column, string? value, string reason) =>
        new($"{Path}: row {Row}, column '{column}': {reason} (found '{value}').");

    public void Dispose()
    {
        _csv.Dispose();
        _reader.Dispose();
    }
}

public sealed class ReferenceDataException(string message) : Exception(message);
