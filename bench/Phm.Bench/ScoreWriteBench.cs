using System.Diagnostics;
using Phm.Data.Risk;
using Phm.Data.Store;
using Phm.Ml.Features;
using Phm.Ml.Scoring;

namespace Phm.Bench;

/// <summary>
/// Writing the scores of the whole living population for two models (RiskScoreWriter: rank, tiers, contributions JSON and the
/// provider's bulk path in one transaction), then replacing one of them as a new version would. The predictions are made up
/// (no trained model is needed): a probability per patient and five contributions with the patient's own values of their features.
/// </summary>
internal static class ScoreWriteBench
{
    public static async Task RunAsync(string name, PhmStore store, StoreManifest manifest)
    {
        var features = await new FeatureReader(store.CreateContext).ReadMatrixAsync(manifest.ReferenceDate, CancellationToken.None);
        var predictions = MadeUp(features);
        var writer = new RiskScoreWriter(store.CreateContext, new RiskRanking(new RiskTierOptions()), TimeProvider.System);
        foreach (var (model, version) in new[] { ("bench-admission-12m", "1.0.0"), ("bench-mortality-12m", "1.0.0"), ("bench-admission-12m", "1.1.0") })
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await writer.WriteAsync(InfoOf(model, version), manifest.ReferenceDate, predictions, CancellationToken.None);
            Console.WriteLine($"{name} risk scores written: {model} {version}, {predictions.Count:N0} patients in {watch.Elapsed.TotalSeconds:F1} s " +
                $"(CPU {IngestBench.CpuSince(cpu).TotalSeconds:F1} s){(version == "1.0.0" ? "" : ", replacing the previous version's")}");
        }

        // The hub the bench starts next would otherwise remove them itself, as models it does not have.
        await using var db = store.CreateContext();
        foreach (var model in new[] { "bench-admission-12m", "bench-mortality-12m" })
            await new ScoredModelWriter(db).RemoveAsync(model, CancellationToken.None);
    }

    private static List<PatientPrediction> MadeUp(FeatureMatrix features)
    {
        var schema = features.Schema;
        return [.. features.Rows.Select(row => new PatientPrediction(row.PatientId, (row.PatientId * 2654435761u % 1_000_003) / 1_000_003.0,
            Enumerable.Range(0, 5).Select(k => (row.PatientId + k * 7) % schema.Count)
                .Select((slot, k) => new FeatureContribution(schema.Features[slot].Name, row.Features[slot], 0.5 / (k + 1) - 0.123456)).ToArray()))];
    }

    private static RiskModelInfo InfoOf(string model, string version) => new()
    {
        Name = model, Version = version, Outcome = "bench", Learner = "None", FeatureSchemaHash = FeatureReader.Schema.Hash,
        TrainedAtUtc = DateTimeOffset.UnixEpoch, TrainedOn = new(2018, 1, 1), EvaluatedOn = new(2019, 1, 1),
        Auroc = 0.8, AurocLower = 0.79, AurocUpper = 0.81, Auprc = 0.2, Brier = 0.05, CalibrationSlope = 1,
    };
}
