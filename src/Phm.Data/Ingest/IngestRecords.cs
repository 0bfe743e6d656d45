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
/// A source record already loaded: ingesting it again adds nothing, and a later version of it updates its row. Patients
/// need no entry, their pseudonym is unique. Holds no identifier (docs/ingest.md, "What identifies a record").
/// </summary>
public sealed class IngestedRecord
{
    /// <summary>
    /// The record's kind (<c>c</c>ondition, <c>a</c>ctivity, care <c>f</c>lag, <c>m</c>edicine, <c>p</c>rocedure) and
    /// either <c>#</c> and its keyed identity hash, or, for a record with no identity, <c>:</c>, the patient's pseudonym and
    /// its content (the only key earlier versions wrote).
    /// </summary>
    public required string Key { get; init; }

    /// <summary>The row the record became, in its kind's table; null in entries written before rows were recorded.</summary>
    public long? RowId { get; init; }

    /// <summary>The patient the row belongs to; null as <see cref="RowId"/>.</summary>
    public int? PatientId { get; init; }

    /// <summary>A hash of the content last loaded, for records keyed by identity: a different hash is a changed record.</summary>
    public long? ContentHash { get; init; }
}
