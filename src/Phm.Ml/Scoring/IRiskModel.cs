using Phm.Ml.Features;

namespace Phm.Ml.Scoring;

/// <summary>
/// A trained risk model, loaded from <c>ml-models/&lt;name&gt;/&lt;version&gt;/</c> and checked against the code's
/// <see cref="FeatureSchema"/>: what it is (<see cref="Info"/>) and its predictions for a feature matrix.
/// </summary>
public interface IRiskModel
{
    RiskModelInfo Info { get; }

    /// <summary>One prediction per row of <paramref name="features"/>, in row order, with the top five contributions.</summary>
    IReadOnlyList<PatientPrediction> Predict(FeatureMatrix features);
}

/// <summary>What a model is and how it did out of time: the headline of its <c>metrics.json</c>, stored with its scores.</summary>
public sealed record RiskModelInfo(
    string Name,
    string Version,
    string Outcome,
    string Learner,
    string FeatureSchemaHash,
    DateTimeOffset TrainedAtUtc,
    DateOnly TrainedOn,
    DateOnly EvaluatedOn,
    double Auroc,
    double AurocLower,
    double AurocUpper,
    double Auprc,
    double Brier,
    double CalibrationSlope,
    double CalibrationIntercept,
    double? OracleAuroc,
    double? OracleBrier);
