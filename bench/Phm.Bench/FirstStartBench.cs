using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Phm.Data.Risk;
using Phm.Data.Store;
using Phm.Ml.Scoring;

namespace Phm.Bench;

/// <summary>
/// The SQLite first start alone, as the hub makes it (the store from nothing, the committed models' scores written into it
/// before it is published), with each phase's wall-clock and CPU seconds from the store's and the scorer's Debug log: on a
/// shared machine the CPU seconds are the figures to compare, and the load average is printed beside them.
/// </summary>
internal static class FirstStartBench
{
    public static async Task RunAsync(string directory, int? population)
    {
        using var logging = LoggerFactory.Create(builder => builder
            .AddSimpleConsole(console => console.SingleLine = true)
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Phm", LogLevel.Debug));
        var options = new PhmOptions { DataDirectory = directory, Population = population };
        var store = new PhmStore(Options.Create(options), TimeProvider.System, logging.CreateLogger<PhmStore>());
        var scoring = new RiskScoring(store, new RiskModelCatalog(ModelsDirectory.Resolve(configured: null)), Options.Create(new RiskTierOptions()),
            TimeProvider.System, logging.CreateLogger<RiskScoring>());
        try
        {
            Console.WriteLine($"Load average at the start: {Load.Machine.LoadAverage()}");
            var start = await TimedFirstStart.RunAsync(store, scoring);
            var (built, scored, done) = (start.Built, start.Scored, start.Done);
            Console.WriteLine($"SQLite first start: {start.Manifest.Population:N0} patients built in {built.Seconds:F1} s (CPU {built.CpuSeconds:F1} s), "
                + $"risk models scored in {scored.Seconds - built.Seconds:F1} s (CPU {scored.CpuSeconds - built.CpuSeconds:F1} s), "
                + $"then published and checked ({start.Checked.Current.Count} models current) in {done.Seconds - scored.Seconds:F1} s, "
                + $"{done.Seconds:F1} s in all (CPU {done.CpuSeconds:F1} s; target < 45 s at ~300k); load average now {Load.Machine.LoadAverage()}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
