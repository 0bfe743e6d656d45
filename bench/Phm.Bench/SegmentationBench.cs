using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Phm.Api.Cohorts;
using Phm.Api.Governance;
using Phm.Api.Segmentation;
using Phm.Data.Patients;
using Phm.Data.Segmentation;
using Phm.Data.Store;

namespace Phm.Bench;

/// <summary>
/// The analysts' aggregates on a store (built in the given folder if it is not there yet): the full segmentation by PCN and
/// national quintile (target under 2 s at the default population on SQLite, within 2x on PostgreSQL), by age band, sex and
/// practice, what writing every patient's segment adds to the store's build, and the characterisation of every living patient as one cohort. Each a few runs, wall-clock and CPU, a fresh
/// context per run (as a request has).
/// </summary>
internal static class SegmentationBench
{
    private const int Runs = 5;

    public static async Task RunAsync(string dataDirectory, PhmDatabaseOptions database)
    {
        var store = new PhmStore(Options.Create(new PhmOptions { DataDirectory = dataDirectory, Database = database }), TimeProvider.System, NullLogger<PhmStore>.Instance);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var manifest = await store.EnsureReadyAsync(CancellationToken.None);
        var date = manifest.ReferenceDate;
        // A store from before the segments were written with it gets them here, once: this is what that step costs.
        Console.WriteLine($"Segmentation on {database.Provider}, {manifest.Population:N0} patients (store ready in {watch.Elapsed.TotalSeconds:F1} s, CPU {IngestBench.CpuSince(cpu).TotalSeconds:F1} s):");
        await TimeAsync("every living patient's segment written, as the build does after the registers held (rolled back)", store, async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            return await SegmentRules.WriteSegmentsAsync(db, date, patientIds: null, CancellationToken.None);
        });
        await TimeAsync("segmentation(by: [PCN, NATIONAL_QUINTILE]) for an analyst (target < 2 s)", store, db =>
            SegmentationTable.BuildAsync(db, [SegmentationDimension.Pcn, SegmentationDimension.NationalQuintile], null, date, DisclosureControl.SmallNumberSuppression, CancellationToken.None));
        await TimeAsync("segmentation(by: [AGE_BAND, SEX, PRACTICE]) for an analyst", store, db =>
            SegmentationTable.BuildAsync(db, [SegmentationDimension.AgeBand, SegmentationDimension.Sex, SegmentationDimension.Practice], null, date, DisclosureControl.SmallNumberSuppression, CancellationToken.None));
        await TimeAsync("characterisation of every living patient as one cohort (all six parts)", store, async db =>
        {
            var source = new CohortCharacterisationSource(db.Patients.AliveOn(date), db, date, DisclosureControl.SmallNumberSuppression);
            return (await CohortCharacterisation.AgeBandsBySexAsync(source, CancellationToken.None),
                await CohortCharacterisation.DeprivationAsync(source, CancellationToken.None),
                await CohortCharacterisation.TopRegistersAsync(source, 10, CancellationToken.None),
                await CohortCharacterisation.RiskTiersAsync(source, CancellationToken.None),
                await CohortCharacterisation.ActivityRatesAsync(source, CancellationToken.None));
        });
    }

    private static async Task TimeAsync<T>(string name, PhmStore store, Func<PhmDbContext, Task<T>> work)
    {
        var timings = new List<(double Wall, double Cpu)>();
        for (var run = 0; run < Runs; run++)
        {
            await using var db = store.CreateContext();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(await work(db));
            timings.Add((watch.Elapsed.TotalSeconds, IngestBench.CpuSince(cpu).TotalSeconds));
        }
        Console.WriteLine($"  {name}: {string.Join(", ", timings.Select(t => $"{t.Wall:F2} s (CPU {t.Cpu:F2})"))}");
    }
}
