namespace Phm.Data.Geography;

/// <summary>
/// Estimates an IMD 2019 score from the national rank where the published score is not in the shipped files.
/// The score falls monotonically with rank, so a piecewise-linear curve through the known (rank, score) pairs is close;
/// beyond them the end slopes continue, and a score never goes below zero.
/// </summary>
public sealed class ImdScoreEstimator
{
    private readonly (double Rank, double Score)[] _knots;

    public ImdScoreEstimator(IEnumerable<(int Rank, double Score)> known)
    {
        // Neighbouring ranks can carry slightly crossing scores after rounding; a running minimum keeps the curve monotone.
        var ordered = known.OrderBy(k => k.Rank).Select(k => ((double)k.Rank, k.Score)).ToList();
        if (ordered.Count < 2)
            throw new ArgumentException("At least two published scores are needed to estimate others.", nameof(known));
        for (var i = 1; i < ordered.Count; i++)
            ordered[i] = (ordered[i].Item1, Math.Min(ordered[i].Score, ordered[i - 1].Score));
        _knots = [.. ordered];
    }

    public double Estimate(int rank)
    {
        var k = _knots;
        var i = Array.FindIndex(k, knot => knot.Rank >= rank);
        (double Rank, double Score) a, b;
        if (i <= 0)
        {
            // Beyond the ends, extrapolate along a chord spanning several knots: a single end segment is too noisy.
            var span = Math.Min(10, k.Length - 1);
            (a, b) = i == 0 ? (k[0], k[span]) : (k[^(span + 1)], k[^1]);
        }
        else
        {
            (a, b) = (k[i - 1], k[i]);
        }

        var score = b.Rank == a.Rank ? a.Score : a.Score + (rank - a.Rank) * (b.Score - a.Score) / (b.Rank - a.Rank);
        return Math.Round(Math.Max(0, score), 3);
    }
}
