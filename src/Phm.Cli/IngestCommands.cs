using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Phm.Data.Ingest;
using Phm.Data.Pseudonymisation;
using Phm.Data.Store;
using Phm.Data.Terminology;

namespace Phm.Cli;

/// <summary><c>phm ingest csv|fhir</c>: source extracts into the store, bad records into a quarantine.</summary>
public static class IngestCommands
{
    private static readonly Option<string?> QuarantineDirectory = new("--quarantine-directory") { Description = "Folder for the quarantine CSV file (default: the input's folder)." };
    private static readonly Option<int> BatchSize = new("--batch-size") { Description = "Records per transaction.", DefaultValueFactory = _ => new IngestOptions().BatchSize };
    private static readonly Option<string?> PostcodeLookup = new("--postcode-lookup") { Description = "ONS postcode to 2011 LSOA lookup (CSV: PCD_OA_LSOA_MSOA_LAD, NSPL or ONSPD), for records that give a postcode instead of an LSOA code." };
    private static readonly Option<string?> SourceSystem = new("--source-system") { Description = "Name of the system the extract comes from, the same for all its extracts: record ids are unique only within it (default: csv or fhir, the format)." };
    private static readonly Option<string?> KeyFile = new("--key-file") { Description = $"Pseudonymisation key file, created owner-only on first use; the environment variable {PseudonymisationKey.EnvironmentVariable} takes precedence. Default: phm/pseudonymisation.key in the user's application data folder." };

    public static Command Ingest()
    {
        var command = new Command("ingest", "Ingest a CSV extract or FHIR R4 resources: validate, pseudonymise, quarantine bad records, load the rest.");
        command.Subcommands.Add(Csv());
        command.Subcommands.Add(Fhir());
        return command;
    }

    private static Command Csv()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = $"Folder with any of {string.Join(", ", Ingestor.CsvExtractFiles)} (schema: docs/ingest.md)." };
        var command = new Command("csv", "Ingest a CSV extract.") { folder };
        AddOptions(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, (ingestor, options, progress) =>
            ingestor.IngestCsvAsync(parse.GetRequiredValue(folder).FullName, options, progress, cancellationToken)));
        return command;
    }

    private static Command Fhir()
    {
        var paths = new Argument<string[]>("paths") { Description = "FHIR R4 bundles (.json), NDJSON files (.ndjson) or folders of them.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("fhir", "Ingest FHIR R4 bundles or NDJSON.") { paths };
        AddOptions(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, (ingestor, options, progress) =>
            ingestor.IngestFhirAsync(parse.GetRequiredValue(paths), options, progress, cancellationToken)));
        return command;
    }

    private static void AddOptions(Command command)
    {
        command.Options.Add(QuarantineDirectory);
        command.Options.Add(BatchSize);
        command.Options.Add(PostcodeLookup);
        command.Options.Add(SourceSystem);
        command.Options.Add(KeyFile);
    }

    private static async Task<int> RunAsync(ParseResult parse, Func<Ingestor, IngestOptions, IProgress<IngestSummary>, Task<IngestSummary>> ingest)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        using var host = HubSettings.CreateHost(parse);
        var hub = host.Services.GetRequiredService<IOptions<PhmOptions>>().Value;
        var keyFile = parse.GetValue(KeyFile) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "phm", "pseudonymisation.key");
        if (HubSettings.LoadKey(() => PseudonymisationKey.FromEnvironmentOrFile(keyFile), error) is not { } key)
            return 1;
        var ingestor = new Ingestor(
            host.Services.GetRequiredService<PhmStore>(),
            new Pseudonymiser(key),
            RegisterCodeList.Load(hub.ResolveReferenceDataDirectory()),
            host.Services.GetRequiredService<TimeProvider>());
        var options = new IngestOptions
        {
            BatchSize = parse.GetValue(BatchSize),
            QuarantineDirectory = parse.GetValue(QuarantineDirectory),
            PostcodeLookupPath = parse.GetValue(PostcodeLookup),
            SourceSystem = parse.GetValue(SourceSystem),
        };
        try
        {
            // A bar over the input's bytes, or a line per committed batch.
            var summary = await ProgressDisplay.RunAsync<IngestSummary, IngestSummary>(error, "Ingesting", progress => ingest(ingestor, options, progress),
                report => report.InputFraction, report => $"batch {report.Batches}: {report}", report => $"batch {report.Batches}: {report} ({report.InputFraction * 100:F0}% of the input)");
            output.WriteLine($"Ingest complete: {summary}.");
            foreach (var (why, count) in summary.Skipped)
                output.WriteLine($"  skipped {count:N0}: {why}");
            if (summary.QuarantineFile is not null)
                output.WriteLine($"Quarantine: {summary.QuarantineFile}");
            return 0;
        }
        catch (IngestException exception)
        {
            error.WriteLine(exception.Message);
            return 1;
        }
    }
}
