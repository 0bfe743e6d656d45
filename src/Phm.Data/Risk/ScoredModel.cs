using System.Diagnostics.CodeAnalysis;

namespace Phm.Data.Risk;

/// <summary>
/// A risk model whose scores the store holds (<see cref="RiskScore"/>): which version, what it predicts, when it was
/// trained and on what, and its headline out-of-time evaluation (the full figures are in its <c>metrics.json</c>).
/// One row per model name; scoring a new version replaces the row and all of that model's scores in one transaction.
/// </summary>
public sealed record ScoredModel : RiskModelInfo
{
    public ScoredModel()
    {
    }

    /// <summary>The model's row as it scores: its info as loaded, then when and what it scored.</summary>
    [SetsRequiredMembers]
    public ScoredModel(RiskModelInfo model) : base(model)
    {
    }

    /// <summary>The index date of the scores: the store's reference date when they were made.</summary>
    public DateOnly ScoredOn { get; init; }

    public DateTimeOffset ScoredAtUtc { get; init; }

    public int PatientsScored { get; init; }
}
