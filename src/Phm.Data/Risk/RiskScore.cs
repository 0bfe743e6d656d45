namespace Phm.Data.Risk;

/// <summary>
/// One patient's score from one risk model, as of the store's reference date: the model's probability of its outcome in
/// the following year, where that places the patient in the scored population, and why (the largest contributions).
/// Every patient alive at the reference date has one row per scored model (<see cref="ScoredModel"/>).
/// </summary>
public sealed class RiskScore
{
    /// <summary>The model's name, e.g. <c>emergency-admission-12m</c>; with <see cref="PatientId"/> the key.</summary>
    public required string Model { get; init; }

    public int PatientId { get; init; }

    /// <summary>The version of <see cref="Model"/> that scored this row (that of its <see cref="ScoredModel"/>).</summary>
    public required string ModelVersion { get; init; }

    public double Probability { get; init; }

    /// <summary>
    /// 1 for the highest probability in the scored population, then 2, 3 ...: unique within a model (equal probabilities
    /// are ranked by patient id), so ordering by rank is total and cursors over it stay stable.
    /// </summary>
    public int Rank { get; init; }

    /// <summary>100 × (n − rank + 1) / n: the percentage of the scored population at or below this patient's risk (by rank), so the top patient is at 100 (<see cref="RiskRanking"/>).</summary>
    public double Percentile { get; init; }

    public RiskTier Tier { get; init; }

    /// <summary>
    /// The five largest contributions to this patient's score, largest first, as a JSON array of [feature, value, contribution],
    /// the feature by its position in the risk features' schema: <c>[[63,3,0.4123],[0,84,0.1002]]</c> (emergency admissions in
    /// 12 months, then age; the names and words are made when read, by <c>Phm.Ml.Scoring.ContributionsJson</c>).
    /// </summary>
    public required string Contributions { get; init; }
}

/// <summary>
/// Capacity-based tiers by rank, highest first: the shares are configured under <c>Phm:Risk:Tiers</c> (by default the
/// top 0.5%, the next 4.5% to 5%, the next 15% to 20%, and the rest; <see cref="RiskTierOptions"/>, <see cref="RiskRanking"/>).
/// </summary>
public enum RiskTier
{
    VeryHigh = 1,
    High = 2,
    Moderate = 3,
    Low = 4,
}
