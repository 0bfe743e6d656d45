using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Phm.Data.Store;
using Phm.Ml.Features;
using Phm.Ml.Scoring;
using Phm.Ml.Training;

namespace Phm.Bench;

/// <summary>
/// The risk models on a store (built in the given folder if it is not there yet): the scoring rate of each
/// committed model once the features are built, with and without contributions (target 200,000 patients/s on 2 cores),
/// and with <c>--train</c> the time to train each model into a temporary folder (target under 2 minutes each).
/// Wall-clock and CPU time, as the cores may be shared.
/// </summary>
internal static class RiskBench
{
    public static async Task RunAsync(string dataDirectory, bool train)
    {
        var store = new PhmStore(Options.Create(new PhmOptions { DataDirectory = dataDirectory }), TimeProvider.System, NullLogger<PhmStore>.Instance);
        var manifest = await store.EnsureReadyAsync(CancellationToken.None);
        var features = await new FeatureReader(store.CreateContext).ReadMatrixAsync(manifest.ReferenceDate, CancellationToken.None);
        var catalog = new RiskModelCatalog(ModelsDirectory.Resolve(null));
        foreach (var model in (await catalog.CurrentAsync(CancellationToken.None)).Cast<RiskModel>())
        {
            for (var run = 1; run <= 3; run++)
            {
                var probabilities = Time(() => model.Probabilities(features));
                var predictions = Time(() => model.Predict(features));
                Console.WriteLine($"{model.Info.Name} ({model.Info.Learner}) scoring, run {run}: {features.Rows.Count:N0} patients, " +
                    $"probabilities only {Rate(probabilities, features)}, with top-5 contributions in words {Rate(predictions, features)}; target 200,000/s");
            }
        }

        if (!train)
            return;
        var scratch = Directory.CreateTempSubdirectory("phm-bench-models-").FullName;
        try
        {
            foreach (var definition in await catalog.DefinitionsAsync())
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var run = await new RiskModelTrainer(store.CreateContext).TrainAsync(definition, manifest.ReferenceDate, null, CancellationToken.None);
                var written = await ModelFolder.WriteAsync(run, manifest, scratch, TimeProvider.System, CancellationToken.None);
                Console.WriteLine($"{definition.Name} training: {watch.Elapsed.TotalSeconds:F1} s (CPU {IngestBench.CpuSince(cpu).TotalSeconds:F1} s; target < 120 s): " +
                    $"features and outcomes {run.ReadTime.TotalSeconds:F1} s, LightGBM {run.GradientBoosted.FitTime.TotalSeconds:F1} s, " +
                    $"logistic regression {run.Logistic.FitTime.TotalSeconds:F1} s. {written.Summary}");
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static (TimeSpan Wall, TimeSpan Cpu) Time(Func<object> work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        GC.KeepAlive(work());
        return (watch.Elapsed, IngestBench.CpuSince(cpu));
    }

    private static string Rate((TimeSpan Wall, TimeSpan Cpu) time, FeatureMatrix features) =>
        $"{features.Rows.Count / time.Wall.TotalSeconds:N0}/s ({time.Wall.TotalSeconds:F2} s, CPU {time.Cpu.TotalSeconds:F2} s)";
}
