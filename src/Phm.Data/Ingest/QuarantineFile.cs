using System.Globalization;
using CsvHelper;

namespace Phm.Data.Ingest;

/// <summary>
/// The quarantine as a CSV file for whoever fixes the extract: source, reference, field, reason, quarantined_at_utc.
/// Created on the first refused record, so a clean run leaves no file.
/// </summary>
internal sealed class QuarantineFile(string path) : IAsyncDisposable
{
    private CsvWriter? _csv;

    public string Path { get; } = path;

    public void Append(IEnumerable<QuarantinedRecord> records)
    {
        foreach (var record in records)
        {
            if (_csv is null)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                _csv = new CsvWriter(new StreamWriter(Path, append: false), CultureInfo.InvariantCulture);
                foreach (var column in new[] { "source", "reference", "field", "reason", "quarantined_at_utc" })
                    _csv.WriteField(column);
                _csv.NextRecord();
            }

            _csv.WriteField(record.Source);
            _csv.WriteField(record.Reference);
            _csv.WriteField(record.Field);
            _csv.WriteField(record.Reason);
            _csv.WriteField(record.QuarantinedAtUtc.ToString("O", CultureInfo.InvariantCulture));
            _csv.NextRecord();
        }
        _csv?.Flush();
    }

    public async ValueTask DisposeAsync()
    {
        if (_csv is not null)
            await _csv.DisposeAsync();
    }
}
