using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Pseudonymisation;
using Phm.Data.Store;
using Phm.Data.Terminology;

namespace Phm.Data.Ingest;

/// <summary>
/// Ingests source extracts into the store: validates, pseudonymises, quarantines bad records (table and CSV file) and
/// loads good ones one transaction per batch, idempotently by source record key. The store must hold its reference data
/// (practices and LSOAs), so it is built before the first ingest.
/// </summary>
public sealed class Ingestor(PhmStore store, Pseudonymiser pseudonymiser, RegisterCodeList codes, TimeProvider time)
{
    /// <summary>The files a CSV extract may hold, in the order they are read.</summary>
    public static IReadOnlyList<string> CsvExtractFiles { get; } = [.. CsvExtractReader.Schema.Select(f => f.File)];

    /// <summary>A folder holding any of <see cref="CsvExtractFiles"/>.</summary>
    public async Task<IngestSummary> IngestCsvAsync(string folder, IngestOptions options, IProgress<IngestSummary>? progress, CancellationToken cancellationToken)
    {
        var files = CsvExtractFiles.Select(file => Path.Combine(folder, file)).Where(File.Exists).ToList();
        if (files.Count == 0)
            throw new IngestException($"{folder}: no CSV extract here (expected any of {string.Join(", ", CsvExtractFiles)}).");
        // Made before the store is opened, so that a blank source system is refused before any work.
        using var identities = Identities(options, "csv");
        return await RunAsync(folder, files, options, progress, async writer =>
        {
            await new CsvExtractReader(writer, pseudonymiser, identities, codes).ReadAsync(files, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>FHIR bundles (.json) and NDJSON files (.ndjson), or folders of them.</summary>
    public async Task<IngestSummary> IngestFhirAsync(IReadOnlyList<string> paths, IngestOptions options, IProgress<IngestSummary>? progress, CancellationToken cancellationToken)
    {
        var files = paths.SelectMany(path => Directory.Exists(path)
                ? Directory.EnumerateFiles(path).Where(FhirResourceReader.IsFhirFile)
                : File.Exists(path) ? [path] : throw new IngestException($"{path}: no such file or folder."))
            .ToList();
        if (files.Count == 0)
            throw new IngestException("No FHIR files (.json bundles or .ndjson) to ingest.");
        var folder = Directory.Exists(paths[0]) ? paths[0] : Path.GetDirectoryName(Path.GetFullPath(paths[0]))!;
        using var identities = Identities(options, "fhir");
        return await RunAsync(folder, files, options, progress, async writer =>
        {
            var reader = new FhirResourceReader(writer, pseudonymiser, identities, codes);
            foreach (var file in FhirResourceReader.InReadingOrder(files))
                await reader.ReadAsync(file, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Record identities qualified by the run's source system, by default the format's name.</summary>
    private SourceRecordIdentity Identities(IngestOptions options, string format)
    {
        if (options.SourceSystem is { } name && string.IsNullOrWhiteSpace(name))
            throw new IngestException("The source system's name (--source-system) may not be blank.");
        return new SourceRecordIdentity(pseudonymiser, options.SourceSystem?.Trim() ?? format);
    }

    private async Task<IngestSummary> RunAsync(string inputFolder, IReadOnlyList<string> inputFiles, IngestOptions options, IProgress<IngestSummary>? progress, Func<IngestWriter, Task> read, CancellationToken cancellationToken)
    {
        await store.UpgradeInPlaceAsync(cancellationToken);
        await using var db = store.CreateContext();
        if (!await db.Practices.AnyAsync(cancellationToken))
            throw new IngestException("The store has no practices or LSOAs to check records against: build it first (phm build).");

        var quarantinePath = Path.Combine(options.QuarantineDirectory ?? inputFolder,
            $"quarantine-{time.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}.csv");
        await using var lookups = store.CreateContext();
        await using var writer = await IngestWriter.OpenAsync(db, lookups, options, time, progress, quarantinePath, cancellationToken);
        writer.Summary.InputBytes = inputFiles.Sum(file => new FileInfo(file).Length);
        await read(writer);
        await writer.CompleteAsync(cancellationToken);
        writer.Summary.QuarantineFile = File.Exists(quarantinePath) ? quarantinePath : null;
        return writer.Summary;
    }
}

public sealed class IngestException(string message) : Exception(message);
