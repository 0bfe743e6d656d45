using System.Runtime.CompilerServices;

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

    /// <summary>
    /// Positions in <paramref name="scores"/>, highest risk first: the patient at position <c>order[rank − 1]</c> has that rank.
    /// Optimised at its first call: a scoring calls it once a model, over the whole population.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] RankOrder(IReadOnlyList<PatientProbability> scores)
    {
        var keys = new ulong[scores.Count];
        var order = new int[scores.Count];
        for (var i = 0; i < scores.Count; i++)
        {
            var probability = scores[i].Probability;
            if (!(probability is >= 0 and <= 1))
                throw new ArgumentException($"The probability at position {i + 1} of {scores.Count} is {probability}, not between 0 and 1.", nameof(scores));
            keys[i] = HighestFirst(probability);
            order[i] = i;
        }
        // Whole-number keys sort without a comparer, several times faster than entries compared field by field (at 2,000,000
        // patients 0.69 s a model that way); equal probabilities, few, are then put in patient id order.
        Array.Sort(keys, order);
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
                end++;
            if (end - start > 1)
                order.AsSpan(start, end - start).Sort((x, y) => scores[x].PatientId.CompareTo(scores[y].PatientId));
            start = end;
        }
        return order;
    }

    /// <summary>
    /// A key that sorts a probability in [0, 1] highest first: a non-negative double's bits grow with it, so their complement
    /// falls. −0 is made 0 first (its bits would sort it above 1).
    /// </summary>
    private static ulong HighestFirst(double probability) => ~BitConverter.DoubleToUInt64Bits(probability + 0.0);

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
