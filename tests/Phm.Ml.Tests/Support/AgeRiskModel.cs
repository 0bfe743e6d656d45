using Phm.Ml.Features;
using Phm.Data.Risk;
using Phm.Ml.Scoring;

namespace Phm.Ml.Tests.Support;

/// <summary>
/// A hand-written stand-in for a trained model: the probability is the patient's age in years over 100 (capped at 1), so
/// patients of the same age tie; the contributions are the first five features, each 1/1000 of its value, in words.
/// A test can swap <see cref="Predictions"/> to inject a fault, and reads <see cref="Calls"/> to see whether it was asked.
/// </summary>
public sealed class AgeRiskModel(string name = "test-admission-12m", string version = "1.0.0") : IRiskModel
{
    public RiskModelInfo Info { get; set; } = new()
    {
        Name = name, Version = version, Outcome = "an emergency admission in the 12 months after the index date", Learner = "Hand-written",
        FeatureSchemaHash = FeatureReader.Schema.Hash, TrainedAtUtc = new DateTimeOffset(2025, 11, 30, 12, 0, 0, TimeSpan.Zero),
        TrainedOn = new(2018, 1, 1), EvaluatedOn = new(2019, 1, 1),
        Auroc = 0.81, AurocLower = 0.80, AurocUpper = 0.82, Auprc = 0.2, Brier = 0.05, CalibrationSlope = 1.01, CalibrationIntercept = -0.01,
        OracleAuroc = 0.84, OracleBrier = 0.048,
    };

    public int Calls { get; private set; }

    public Func<FeatureMatrix, IReadOnlyList<PatientPrediction>> Predictions { get; set; } = ByAge;

    public IReadOnlyList<PatientPrediction> Predict(FeatureMatrix features)
    {
        Calls++;
        return Predictions(features);
    }

    /// <summary>The same model at another version.</summary>
    public AgeRiskModel WithVersion(string version) => new(Info.Name, version) { Info = Info with { Version = version } };

    public static IReadOnlyList<PatientPrediction> ByAge(FeatureMatrix features) =>
        [.. features.Rows.Select(row => new PatientPrediction(row.PatientId, Math.Min(features.ValueOf(row, "age") / 100.0, 1),
            features.Schema.Features.Take(5).Select((feature, slot) => new FeatureContribution(feature.Name, row.Features[slot], row.Features[slot] / 1000.0)).ToArray()))];
}
