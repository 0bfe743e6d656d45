namespace Phm.Data.Ingest;

/// <summary>
/// A source record that ingest refused, one row per failing field. It never holds an identifier: the reference is a row
/// number or a bundle entry's position, and reasons describe the problem without repeating the value.
/// </summary>
public sealed class QuarantinedRecord
{
    public long Id { get; init; }

    /// <summary>"patients.csv sha256:…" or "json sha256:…" (<see cref="IngestSource"/>): never a path or an export's file name.</summary>
    public required string Source { get; init; }

    /// <summary>"row 12", "entry 3 (Encounter)", "line 40 (Patient)" or "header".</summary>
    public required string Reference { get; init; }

    public required string Field { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset QuarantinedAtUtc { get; init; }
}

/// <summary>
/// The key of a source record already loaded, built from its pseudonym and content: ingesting the record again adds
/// nothing. Patients need no key of their own, their pseudonym is unique.
/// </summary>
public sealed class IngestedRecord
{
    public required string Key { get; init; }
}
