using System.Diagnostics;
using Phm.Data.Store;
using Phm.Ml.Features;

namespace Phm.Bench;

/// <summary>
/// The risk features of the whole population at the store's reference date (target: under 10 s on SQLite, 2 cores):
/// three runs, each with its wall-clock and CPU time (CPU shows the work when other processes share the cores).
/// </summary>
internal static class FeatureBench
{
    public static async Task RunAsync(string name, PhmStore store, StoreManifest manifest)
    {
        var reader = new FeatureReader(store.CreateContext);
        for (var run = 1; run <= 3; run++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var rows = (await reader.ReadMatrixAsync(manifest.ReferenceDate, CancellationToken.None)).Rows.Count;
            watch.Stop();
            Console.WriteLine($"{name} risk features, run {run}: {rows:N0} living patients × {FeatureReader.Schema.Count} features in {watch.Elapsed.TotalSeconds:F1} s " +
                $"(CPU {IngestBench.CpuSince(cpu).TotalSeconds:F1} s; target < 10 s on SQLite)");
        }
    }
}
