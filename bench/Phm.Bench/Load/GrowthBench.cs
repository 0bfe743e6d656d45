using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Phm.Data.Risk;
using Phm.Data.Store;
using Phm.Ml.Scoring;

namespace Phm.Bench.Load;

/// <summary>
/// <c>--growth</c>: the same mix at several population sizes (the generator scales the city: the same practices and LSOAs, longer
/// lists), on SQLite or, with a connection string, PostgreSQL, printing how each figure grows: the first start (the store's build
/// and the committed models' scoring, timed apart in this process, as the hub does them), the store's size, a restart of the hub
/// on it, each query alone and under the mix, then the rate of a CSV ingest of new patients into the grown store.
/// </summary>
internal static class GrowthBench
{
    private sealed record Size(int Population, double BuildSeconds, double ScoreSeconds, long StoreBytes, double RestartSeconds,
        Measured Measured, double IngestRowsPerSecond);

    public static async Task<int> RunAsync(LoadSettings settings, IReadOnlyList<int> populations, int ingestPatients)
    {
        var provider = settings.Postgres is null ? "SQLite" : "PostgreSQL";
        Console.WriteLine($"Growth on {provider}, {string.Join(", ", populations.Select(p => p.ToString("N0", CultureInfo.InvariantCulture)))} patients; each: {settings.Describe()}.");
        var sizes = new List<Size>();
        var failures = 0;
        foreach (var population in populations)
        {
            var at = settings with { Population = population };
            var store = settings.Postgres is { } postgres
                ? StoreSettings.Postgres(at, postgres, settings.DatabaseName($"growth_{population}"))
                : StoreSettings.Sqlite(at, "growth-sqlite");
            Console.WriteLine($"\n== {provider}, {population:N0} patients; load average {Machine.LoadAverage()} ==");
            await store.DeleteAsync();
            var (built, scored) = await FirstStartAsync(store.Store());
            var bytes = await store.SizeAsync();
            Console.WriteLine($"First start: store built in {built:F1} s ({population / built:N0} patients/s), {await RiskModelsAsync(store)} risk models scored in {scored:F1} s; "
                + $"store {bytes / 1048576.0:N0} MB ({bytes / (double)population / 1024:F1} KB a patient); load average {Machine.LoadAverage()}");

            var (hub, restart) = await store.StartHubAsync(settings);
            Measured measured;
            await using (hub)
            {
                Console.WriteLine($"Hub restarted on it in {restart.TotalSeconds:F1} s");
                measured = await LoadBench.MeasureAsync($"{provider} at {population:N0}", hub, store, settings);
            }
            failures += measured.Failures;

            var ingest = await IngestBench.TimeCsvAsync(IngestBench.IngestorFor(store.Store(), store.DataDirectory), store.Store(),
                Path.Combine(store.DataDirectory, "extract"), ingestPatients);
            var rate = ingest.Rows / ingest.Elapsed.TotalSeconds;
            Console.WriteLine($"CSV ingest of {ingestPatients:N0} new patients ({ingest.Rows:N0} rows) into it: {ingest.Elapsed.TotalSeconds:F1} s = {rate:N0} rows/s, "
                + $"{ingest.Cpu.TotalSeconds:F1} s CPU; load average {Machine.LoadAverage()}");
            sizes.Add(new Size(population, built, scored, bytes, restart.TotalSeconds, measured, rate));
        }
        PrintGrowth(provider, sizes);
        return failures == 0 ? 0 : 1;
    }

    /// <summary>The committed models' scoring of a store, as the hub runs it at start.</summary>
    public static RiskScoring ScoringOf(PhmStore store) =>
        new(store, new RiskModelCatalog(ModelsDirectory.Resolve(configured: null)), Options.Create(new RiskTierOptions()), TimeProvider.System, NullLogger<RiskScoring>.Instance);

    private static async Task<(double Built, double Scored)> FirstStartAsync(PhmStore store)
    {
        // The bench's own CPU beside each wall time: on a shared machine it is what load inflates least (the database's is apart).
        var start = await TimedFirstStart.RunAsync(store, ScoringOf(store));
        Console.WriteLine($"Bench process CPU: build {start.Built.CpuSeconds:F1} s, scoring {start.Done.CpuSeconds - start.Built.CpuSeconds:F1} s");
        return (start.Built.Seconds, start.Done.Seconds - start.Built.Seconds);
    }

    private static async Task<int> RiskModelsAsync(StoreSettings store)
    {
        await using var db = store.Store().CreateContext();
        return await db.ScoredModels.CountAsync();
    }

    /// <summary>Each figure by population, and its ratio from the smallest to the largest beside the ratio of the populations.</summary>
    private static void PrintGrowth(string provider, IReadOnlyList<Size> sizes)
    {
        Console.WriteLine($"\nHow each figure grows on {provider} (load average now {Machine.LoadAverage()}; latencies are medians alone and p95 under the mix):");
        var header = string.Concat(sizes.Select(s => $"{s.Population,14:N0}"));
        Console.WriteLine($"  {"figure",-72}{header}{"growth",10}");
        void Row(string name, Func<Size, double> value, string format)
        {
            var values = sizes.Select(value).ToList();
            var growth = values[0] > 0 ? (values[^1] / values[0]).ToString("F1", CultureInfo.InvariantCulture) + "x" : "-";
            Console.WriteLine($"  {name,-72}{string.Concat(values.Select(v => v.ToString(format, CultureInfo.InvariantCulture).PadLeft(14)))}{growth,10}");
        }
        Row("patients", s => s.Population, "N0");
        Row("store build (s)", s => s.BuildSeconds, "F1");
        Row("risk scoring, two models (s)", s => s.ScoreSeconds, "F1");
        Row("first start = build + scoring (s)", s => s.BuildSeconds + s.ScoreSeconds, "F1");
        Row("store size (MB)", s => s.StoreBytes / 1048576.0, "N0");
        Row("hub restart on the built store (s)", s => s.RestartSeconds, "F1");
        Row("CSV ingest into the grown store (rows/s)", s => s.IngestRowsPerSecond, "N0");
        foreach (var (alone, index) in sizes[0].Measured.Alone.Select((a, i) => (a, i)))
        {
            Row($"{alone.Query} ({alone.Role}) alone, median ms", s => s.Measured.Alone[index].MedianMs, "F1");
            Row($"{alone.Query} ({alone.Role}) alone, hub CPU ms", s => s.Measured.Alone[index].HubCpuMs, "F1");
        }
        foreach (var (query, index) in sizes[0].Measured.LastRun.Select((q, i) => (q, i)))
            Row($"{query.Name} under the mix, p95 ms", s => s.Measured.LastRun[index].P95, "F0");
        Row("errors under the mix", s => s.Measured.LastRun.Sum(q => q.ErrorCount), "N0");
    }
}
