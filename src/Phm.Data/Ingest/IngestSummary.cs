namespace Phm.Data.Ingest;

/// <summary>
/// What one ingest run did. Every record read is exactly one of loaded, updated, duplicate, merged without a record id,
/// quarantined or skipped.
/// </summary>
public sealed class IngestSummary
{
    public long Read { get; internal set; }
    public long Loaded { get; internal set; }

    /// <summary>
    /// Patients already in the store whose details the record changed (practice, LSOA, death, …), and records already in
    /// the store, by their identity, whose content changed (a code, a date, …).
    /// </summary>
    public long Updated { get; internal set; }

    /// <summary>Records already in the store, unchanged: the same patient and details, or the same record identity and content.</summary>
    public long Duplicates { get; internal set; }

    /// <summary>
    /// Records with no identity (no FHIR identifier or id, no CSV <c>record_id</c>) whose patient and content match a record
    /// already in the store, so were taken for it: a file sent again, or a second real event on the same day, which only a
    /// record id tells apart.
    /// </summary>
    public long MergedWithoutRecordId { get; internal set; }

    /// <summary>Records refused, with their reasons in the quarantine table and file.</summary>
    public long Quarantined { get; internal set; }

    /// <summary>Valid records the store does not hold, by why (e.g. a condition on no register, a Procedure).</summary>
    public SortedDictionary<string, long> Skipped { get; } = new(StringComparer.Ordinal);

    /// <summary>Files refused whole, because their header or their syntax was wrong.</summary>
    public int RefusedFiles { get; internal set; }

    public int Batches { get; internal set; }

    /// <summary>Bytes of all the input files, known before reading starts.</summary>
    public long InputBytes { get; internal set; }

    /// <summary>Bytes of input read so far (approximate within a file), for a progress bar.</summary>
    public long InputBytesRead { get; internal set; }

    /// <summary>Share of the input read so far, 0 to 1.</summary>
    public double InputFraction => InputBytes == 0 ? 1 : Math.Clamp((double)InputBytesRead / InputBytes, 0, 1);

    public string? QuarantineFile { get; internal set; }

    public override string ToString() =>
        $"read {Read:N0}, loaded {Loaded:N0}, updated {Updated:N0}, duplicates {Duplicates:N0}, merged (no record id) {MergedWithoutRecordId:N0}, quarantined {Quarantined:N0}, skipped {Skipped.Values.Sum():N0}"
        + (RefusedFiles > 0 ? $", files refused {RefusedFiles}" : "");
}
