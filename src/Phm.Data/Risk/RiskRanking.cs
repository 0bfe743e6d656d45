namespace Phm.Data.Risk;

/// <summary>One patient's probability from a risk model, before it is ranked.</summary>
public readonly record struct PatientProbability(int PatientId, double Probability);

/// <summary>Where a probability places its patient: rank, percentile and tier (<see cref="RiskRanking"/>).</summary>
public readonly record struct RankedProbability(int Rank, double Percentile, RiskTier Tier);

/// <summary>
/// The rule that turns a model's probabilities into ranks, percentiles and tiers (<see cref="RiskScore"/>):
/// <list type="bullet">
/// <item>Rank 1 is the highest probability; equal probabilities are ranked by patient id, so ranks are unique and stable.</item>
/// <item>Percentile = 100 × (n − rank + 1) / n: the share of the scored population at or below the patient's risk, so the top patient is at 100 and the last at 100 / n.</item>
/// <item>Tiers go by rank: a tier ends at the whole rank nearest its cumulative share of n (halves up), e.g. <see cref="RiskTier.VeryHigh"/> is
/// ranks 1 to round(n × 0.5%). Each boundary is then within half a patient of its share, and each tier within one patient of its own,
/// however small n is (below 100 patients the default top 0.5% is nobody); equal probabilities cannot stretch a tier.</item>
/// </list>
/// </summary>
public sealed class RiskRanking
{
    private readonly RiskTierOptions _tiers;

    public RiskRanking(RiskTierOptions tiers)
    {
        if (tiers.Problems() is { Count: > 0 } problems)
            throw new ArgumentException(string.Join(" ", problems), nameof(tiers));
        _tiers = tiers;
    }

    /// <summary>Positions in <paramref name="scores"/>, highest risk first: the patient at position <c>order[rank − 1]</c> has that rank.</summary>
    public static int[] RankOrder(IReadOnlyList<PatientProbability> scores)
    {
        var entries = new RankEntry[scores.Count];
        for (var i = 0; i < scores.Count; i++)
        {
            var (id, probability) = scores[i];
            if (!(probability is >= 0 and <= 1))
                throw new ArgumentException($"The probability at position {i + 1} of {scores.Count} is {probability}, not between 0 and 1.", nameof(scores));
            entries[i] = new RankEntry(probability, id, i);
        }
        // A struct comparer over the values themselves: a delegate over positions into two arrays cost three times as long
        // (0.8 s of the hub's CPU a model at 2,000,000 patients).
        entries.AsSpan().Sort(new HighestRiskFirst());
        var order = new int[entries.Length];
        for (var i = 0; i < order.Length; i++)
            order[i] = entries[i].Position;
        return order;
    }

    private readonly record struct RankEntry(double Probability, int PatientId, int Position);

    /// <summary>Higher probability first, then lower patient id.</summary>
    private readonly struct HighestRiskFirst : IComparer<RankEntry>
    {
        public int Compare(RankEntry x, RankEntry y) =>
            x.Probability != y.Probability ? y.Probability.CompareTo(x.Probability) : x.PatientId.CompareTo(y.PatientId);
    }

    /// <summary>Each score's rank, percentile and tier, in the order of <paramref name="scores"/>.</summary>
    public RankedProbability[] Rank(IReadOnlyList<PatientProbability> scores)
    {
        var order = RankOrder(scores);
        var ranked = new RankedProbability[order.Length];
        var rank = 1;
        foreach (var tier in TiersInRankOrder(order.Length))
        {
            ranked[order[rank - 1]] = new RankedProbability(rank, PercentileOf(rank, order.Length), tier);
            rank++;
        }
        return ranked;
    }

    public static double PercentileOf(int rank, int scored) => 100.0 * (scored - rank + 1) / scored;

    /// <summary>The last rank of each tier for <paramref name="scored"/> patients, in <see cref="RiskTier"/> order (<see cref="RiskTier.Low"/> ends at n).</summary>
    public IReadOnlyList<int> LastRanks(int scored) =>
        [.. _tiers.Cumulative.Select(t => (int)Math.Round(scored * t.Percent / 100, MidpointRounding.AwayFromZero)), scored];

    /// <summary>A tier for each rank 1 to <paramref name="scored"/>, in rank order.</summary>
    public IEnumerable<RiskTier> TiersInRankOrder(int scored)
    {
        var lastRanks = LastRanks(scored);
        var tier = 0;
        for (var rank = 1; rank <= scored; rank++)
        {
            while (rank > lastRanks[tier])
                tier++;
            yield return (RiskTier)(tier + 1);
        }
    }
}
