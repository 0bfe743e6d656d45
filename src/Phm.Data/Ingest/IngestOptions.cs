namespace Phm.Data.Ingest;

public sealed class IngestOptions
{
    /// <summary>
    /// Records per transaction. Each batch commits whole or not at all; a bigger batch amortises the commit, a smaller one
    /// loses less work to a crash.
    /// </summary>
    public int BatchSize { get; init; } = 10_000;

    /// <summary>Folder of the quarantine CSV file; by default the folder of the (first) input.</summary>
    public string? QuarantineDirectory { get; init; }

    /// <summary>
    /// An ONS postcode-to-LSOA lookup (CSV), for records that give a postcode instead of an LSOA code; without one such
    /// records are quarantined. See <see cref="PostcodeLookup"/>.
    /// </summary>
    public string? PostcodeLookupPath { get; init; }

    /// <summary>
    /// The name of the system the extract comes from, which qualifies its record ids (a FHIR logical id, a CSV
    /// <c>record_id</c>): ids are unique only within their system, so each system feeding the hub needs its own name, and
    /// every extract from one system the same. By default the format, <c>csv</c> or <c>fhir</c>.
    /// </summary>
    public string? SourceSystem { get; init; }

    /// <summary>For crash-safety tests: this batch (1-based) fails after writing its rows, before it commits.</summary>
    internal int? FailBatchBeforeCommit { get; init; }
}

/// <summary>The fault <see cref="IngestOptions.FailBatchBeforeCommit"/> raises.</summary>
public sealed class InjectedIngestFaultException(int batch) : Exception($"A fault injected in batch {batch} before it committed.");
