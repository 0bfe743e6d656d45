using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Phm.Data.Ingest;
using Phm.Data.Terminology;
using Phm.Data.Pseudonymisation;
using Phm.Data.Store;

namespace Phm.Bench;

/// <summary>
/// Ingest rates into a fresh SQLite store (targets: CSV ≥ 50,000 rows/s, FHIR ≥ 2,000 resources/s on 2 cores):
/// a generated CSV extract of valid rows, and the Synthea test bundles made English (NHS number, LSOA, practice, dm+d medicines) and
/// repeated under new NHS numbers.
/// </summary>
internal static class IngestBench
{
    public static async Task RunAsync(int patients, int bundleCopies, string fixtures)
    {
        var directory = Path.Combine(Path.GetTempPath(), "phm-ingest-bench-" + Environment.ProcessId);
        var extract = Path.Combine(directory, "extract");
        Directory.CreateDirectory(extract);
        try
        {
            var store = new PhmStore(Options.Create(new PhmOptions { DataDirectory = directory, Population = 1000 }), TimeProvider.System, NullLogger<PhmStore>.Instance);
            await store.EnsureReadyAsync(CancellationToken.None);
            var ingestor = IngestorFor(store, directory);
            var csv = await TimeCsvAsync(ingestor, store, extract, patients);
            Report("CSV", "rows", csv.Rows, csv.Summary, csv.Elapsed, csv.Cpu, 50_000);

            var fhir = Path.Combine(directory, "fhir");
            WriteBundles(fixtures, fhir, bundleCopies);
            var watch = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var summary = await ingestor.IngestFhirAsync([fhir], new IngestOptions(), null, CancellationToken.None);
            Report("FHIR", "resources", summary.Read, summary, watch.Elapsed, CpuSince(cpu), 2_000);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>An ingestor into <paramref name="store"/> with a pseudonymisation key of its own in <paramref name="directory"/>.</summary>
    internal static Ingestor IngestorFor(PhmStore store, string directory) =>
        new(store, new Pseudonymiser(PseudonymisationKey.LoadOrCreate(Path.Combine(directory, "bench.key"))),
            RegisterCodeList.Load(Path.Combine(AppContext.BaseDirectory, "reference")), TimeProvider.System);

    /// <summary>Writes a CSV extract of <paramref name="patients"/> new patients into <paramref name="folder"/> and times its ingest.</summary>
    internal static async Task<(long Rows, IngestSummary Summary, TimeSpan Elapsed, TimeSpan Cpu)> TimeCsvAsync(Ingestor ingestor, PhmStore store, string folder, int patients)
    {
        Directory.CreateDirectory(folder);
        var rows = await WriteExtractAsync(store, folder, patients);
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var summary = await ingestor.IngestCsvAsync(folder, new IngestOptions(), null, CancellationToken.None);
        return (rows, summary, watch.Elapsed, CpuSince(cpu));
    }

    /// <summary>CPU time shows what a shared, busy machine hides: wall-clock rates there fall with the other load.</summary>
    internal static TimeSpan CpuSince(TimeSpan start) => Process.GetCurrentProcess().TotalProcessorTime - start;

    private static void Report(string name, string unit, long count, IngestSummary summary, TimeSpan elapsed, TimeSpan cpu, int target) =>
        Console.WriteLine($"{name} ingest into SQLite: {count:N0} {unit} in {elapsed.TotalSeconds:F1} s = {count / elapsed.TotalSeconds:N0} {unit}/s (target ≥ {target:N0}), {cpu.TotalSeconds:F1} s CPU; {summary}");

    /// <summary>
    /// Per patient: one condition, three contacts (one an admission), two prescriptions; a care flag for one in five, a
    /// procedure for one in four; every record with its record id.
    /// </summary>
    private static async Task<long> WriteExtractAsync(PhmStore store, string folder, int patients)
    {
        await using var db = store.CreateContext();
        var practices = await db.Practices.Select(p => p.Code).ToListAsync();
        var lsoas = await db.Lsoas.Select(l => l.Code).ToListAsync();
        var codes = new[] { "38341003", "44054006", "195967001", "13645005", "84114007" };
        var kinds = new[] { "gp_appointment", "ae_attendance", "outpatient" };
        var medicines = new[] { "322236009", "317896006", "39720311000001101" };
        using var patientsCsv = new StreamWriter(Path.Combine(folder, "patients.csv"));
        using var conditionsCsv = new StreamWriter(Path.Combine(folder, "conditions.csv"));
        using var activityCsv = new StreamWriter(Path.Combine(folder, "activity.csv"));
        using var flagsCsv = new StreamWriter(Path.Combine(folder, "care_flags.csv"));
        using var prescriptionsCsv = new StreamWriter(Path.Combine(folder, "prescriptions.csv"));
        using var proceduresCsv = new StreamWriter(Path.Combine(folder, "procedures.csv"));
        patientsCsv.WriteLine("nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code,date_of_death");
        conditionsCsv.WriteLine("record_id,nhs_number,snomed_code,onset_date");
        activityCsv.WriteLine("record_id,nhs_number,kind,date,length_of_stay_days");
        flagsCsv.WriteLine("record_id,nhs_number,flag,recorded_on");
        prescriptionsCsv.WriteLine("record_id,nhs_number,dmd_code,issued_on");
        proceduresCsv.WriteLine("record_id,nhs_number,snomed_code,performed_on");
        long rows = 0;
        var i = 0;
        foreach (var number in ValidNhsNumbers().Take(patients))
        {
            var day = new DateOnly(2020, 1, 1).AddDays(i % 1000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            patientsCsv.WriteLine($"{number},{1930 + i % 80}-{1 + i % 12:00}-15,{(i % 2 == 0 ? "F" : "M")},A,{lsoas[i % lsoas.Count]},{practices[i % practices.Count]},");
            conditionsCsv.WriteLine($"C{i},{number},{codes[i % codes.Length]},{day}");
            activityCsv.WriteLine($"A{i}.1,{number},{kinds[i % kinds.Length]},{day},");
            activityCsv.WriteLine($"A{i}.2,{number},gp_appointment,2023-0{1 + i % 9}-01,");
            activityCsv.WriteLine($"A{i}.3,{number},emergency_admission,{day},{i % 7}");
            prescriptionsCsv.WriteLine($"M{i}.1,{number},{medicines[i % medicines.Length]},{day}");
            prescriptionsCsv.WriteLine($"M{i}.2,{number},{medicines[(i + 1) % medicines.Length]},2023-0{1 + i % 9}-01");
            rows += 7;
            if (i % 5 == 0)
            {
                flagsCsv.WriteLine($"F{i},{number},care_plan,{day}");
                rows++;
            }
            if (i % 4 == 0)
            {
                proceduresCsv.WriteLine($"P{i},{number},232717009,{day}");
                rows++;
            }
            i++;
        }
        return rows;
    }

    private static void WriteBundles(string fixtures, string folder, int copies)
    {
        Directory.CreateDirectory(folder);
        var bundles = Directory.GetFiles(fixtures, "*.json").Select(f => JsonNode.Parse(File.ReadAllText(f))!).ToList();
        var ids = bundles.Select(b => b["entry"]!.AsArray().Select(e => (string)e!["resource"]!["id"]!).ToList()).ToList();
        using var numbers = ValidNhsNumbers(500_000).GetEnumerator();
        for (var copy = 0; copy < copies; copy++)
        {
            foreach (var (bundle, index) in bundles.Select((b, i) => (b, i)))
            {
                numbers.MoveNext();
                // Each copy is another patient's records, so each resource has an id of its own, as a source system gives it.
                foreach (var (entry, id) in bundle["entry"]!.AsArray().Zip(ids[index]))
                    entry!["resource"]!["id"] = string.Create(CultureInfo.InvariantCulture, $"{id}-{copy}");
                var patient = bundle["entry"]!.AsArray().Select(e => e!["resource"]!).Single(r => (string)r["resourceType"]! == "Patient");
                patient["identifier"] = new JsonArray(new JsonObject { ["system"] = FhirSystems.NhsNumberSystem, ["value"] = numbers.Current });
                patient["extension"] = new JsonArray(new JsonObject { ["url"] = FhirSystems.LsoaExtension, ["valueString"] = "E01017139" });
                patient["generalPractitioner"] = new JsonArray(new JsonObject { ["identifier"] = new JsonObject { ["system"] = FhirSystems.OdsCodeSystem, ["value"] = "J82001" } });
                // Synthea codes medicines in RxNorm; an English system sends dm+d.
                foreach (var medicine in bundle["entry"]!.AsArray().Select(e => e!["resource"]!).Where(r => (string)r["resourceType"]! == "MedicationRequest"))
                    medicine["medicationCodeableConcept"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = FhirSystems.SnomedSystem, ["code"] = "322236009" }) };
                File.WriteAllText(Path.Combine(folder, $"bundle-{copy:00000}-{index}.json"), bundle.ToJsonString());
            }
        }
    }

    /// <summary>Test-range NHS numbers (999…), which are never issued, with their modulus 11 check digit.</summary>
    private static IEnumerable<string> ValidNhsNumbers(int start = 0)
    {
        for (var n = start; ; n++)
        {
            var firstNine = "999" + n.ToString("D6", CultureInfo.InvariantCulture);
            if (NhsNumber.CheckDigit(firstNine) is { } check)
                yield return firstNine + check;
        }
    }
}
