namespace Phm.Data.Risk;

/// <summary>
/// What a risk model is and how it did out of time: the headline of its <c>metrics.json</c>, which a loaded model offers and
/// the store keeps with its scores (<see cref="ScoredModel"/> adds when and what it scored).
/// </summary>
public record RiskModelInfo
{
    public required string Name { get; init; }
    public required string Version { get; init; }

    /// <summary>The outcome in words, e.g. "an emergency admission in the 12 months after the index date".</summary>
    public required string Outcome { get; init; }

    /// <summary>The learner kept, e.g. <c>LightGbm</c>.</summary>
    public required string Learner { get; init; }

    /// <summary>The fingerprint of the model's <c>features.json</c> (<c>FeatureSchema.Hash</c>).</summary>
    public required string FeatureSchemaHash { get; init; }

    public DateTimeOffset TrainedAtUtc { get; init; }

    /// <summary>The index date the model was trained at (outcomes in the year after it).</summary>
    public DateOnly TrainedOn { get; init; }

    /// <summary>The later index date of the out-of-time evaluation.</summary>
    public DateOnly EvaluatedOn { get; init; }

    public double Auroc { get; init; }
    public double AurocLower { get; init; }
    public double AurocUpper { get; init; }
    public double Auprc { get; init; }
    public double Brier { get; init; }
    public double CalibrationSlope { get; init; }
    public double CalibrationIntercept { get; init; }

    /// <summary>The generator's true probabilities' AUROC on the same evaluation: the ceiling (null for a store without generated truth).</summary>
    public double? OracleAuroc { get; init; }

    public double? OracleBrier { get; init; }
}
