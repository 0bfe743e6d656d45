namespace Phm.Ml.Evaluation;

/// <summary>
/// Percentile bootstrap intervals for AUROC and AUPRC, and paired intervals for AUROC differences, reproducible from a
/// seed. Each replicate draws n patients with replacement (a count per patient) from its own generator, seeded from
/// (seed, replicate number), so results do not depend on how replicates are spread over threads. Every score vector
/// of one <see cref="Run"/> sees the same draws: that pairing is what makes differences between them tight.
/// </summary>
public static class Bootstrap
{
    /// <summary>A 95% percentile interval for the AUROC of one score vector.</summary>
    public static Interval Auroc(double[] scores, bool[] outcomes, BootstrapSettings settings) =>
        Run([scores], outcomes, settings).AurocInterval(0);

    /// <summary>A 95% percentile interval for the AUPRC (average precision) of one score vector.</summary>
    public static Interval Auprc(double[] scores, bool[] outcomes, BootstrapSettings settings) =>
        Run([scores], outcomes, settings).AuprcInterval(0);

    /// <summary>AUROC(<paramref name="scores"/>) − AUROC(<paramref name="against"/>) on the same patients, with a paired 95% interval.</summary>
    public static AurocDifference AurocDifference(double[] scores, double[] against, bool[] outcomes, BootstrapSettings settings) =>
        Run([scores, against], outcomes, settings).AurocDifference(0, 1);

    /// <summary>
    /// AUROC and AUPRC of every score vector on the full data and on each replicate, all vectors on the same draws.
    /// Replicates that draw no event or no non-event are left out of the intervals.
    /// </summary>
    public static BootstrapReplicates Run(IReadOnlyList<double[]> scoreVectors, bool[] outcomes, BootstrapSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (scoreVectors.Count == 0) throw new ArgumentException("There are no score vectors to bootstrap.", nameof(scoreVectors));
        if (settings.Replicates < 1)
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Replicates, "The number of bootstrap replicates must be at least 1.");
        foreach (var scores in scoreVectors)
        {
            BinaryMetrics.RequireBothClasses(BinaryMetrics.Check(scores, outcomes), scores.Length, nameof(outcomes));
        }

        var n = outcomes.Length;
        var ranked = scoreVectors.Select(scores => new RankedOutcomes(scores, outcomes)).ToArray();
        var once = RankedOutcomes.Once(n);
        var estimates = ranked.Select(r => r.Measure(once)).ToArray();

        var auroc = ranked.Select(_ => new double[settings.Replicates]).ToArray();
        var auprc = ranked.Select(_ => new double[settings.Replicates]).ToArray();
        Parallel.For(0, settings.Replicates, () => new int[n], (replicate, _, counts) =>
        {
            var random = new SplitMix64(settings.Seed, replicate);
            Array.Clear(counts);
            for (var draw = 0; draw < n; draw++) counts[random.Next(n)]++;
            for (var k = 0; k < ranked.Length; k++)
            {
                (auroc[k][replicate], auprc[k][replicate]) = ranked[k].Measure(counts);
            }
            return counts;
        }, _ => { });

        return new BootstrapReplicates([.. estimates.Select(e => e.Auroc)], [.. estimates.Select(e => e.AveragePrecision)], auroc, auprc);
    }

    /// <summary>
    /// SplitMix64, one stream per (seed, replicate). Chosen over <see cref="Random"/> because a draw costs a third as
    /// much (a replicate is n draws) and its sequence is fixed by this code, not by the runtime.
    /// </summary>
    private struct SplitMix64(int seed, int replicate)
    {
        // Mixed, so the streams of neighbouring replicates do not start at neighbouring states.
        private ulong _state = Mix(((ulong)(uint)seed << 32) | (uint)replicate);

        /// <summary>Uniform in [0, <paramref name="bound"/>): the high half of a 64 × 64-bit product (bias below 2⁻³²).</summary>
        public int Next(int bound) => (int)Math.BigMul(NextUInt64(), (ulong)bound, out _);

        private ulong NextUInt64() => Mix(_state += 0x9E3779B97F4A7C15UL);

        private static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}

/// <summary>How many bootstrap replicates to draw, and the seed that makes them reproducible.</summary>
public sealed record BootstrapSettings(int Replicates = 1000, int Seed = 20261202)
{
    public static BootstrapSettings Default { get; } = new();
}

/// <summary>A point estimate on the full data with the bounds of its 95% bootstrap percentile interval.</summary>
public sealed record Interval(double Value, double Lower, double Upper);

/// <summary>AUROC of a score vector minus that of another on the same patients, with its paired 95% bootstrap interval.</summary>
public sealed record AurocDifference(double Difference, double Lower, double Upper)
{
    /// <summary>The first vector ranks patients better, beyond bootstrap doubt: the whole interval is above 0.</summary>
    public bool LowerAboveZero => Lower > 0;
}

/// <summary>The results of <see cref="Bootstrap.Run"/>: estimates and replicates of each score vector, by position.</summary>
public sealed class BootstrapReplicates
{
    private const double Alpha = 0.05;

    private readonly double[] _auroc, _auprc;
    private readonly double[][] _aurocReplicates, _auprcReplicates;

    internal BootstrapReplicates(double[] auroc, double[] auprc, double[][] aurocReplicates, double[][] auprcReplicates)
    {
        (_auroc, _auprc, _aurocReplicates, _auprcReplicates) = (auroc, auprc, aurocReplicates, auprcReplicates);
    }

    public Interval AurocInterval(int vector) => Percentiles(_auroc[vector], _aurocReplicates[vector]);

    public Interval AuprcInterval(int vector) => Percentiles(_auprc[vector], _auprcReplicates[vector]);

    /// <summary>AUROC of vector <paramref name="vector"/> minus that of <paramref name="against"/>, replicate by replicate.</summary>
    public AurocDifference AurocDifference(int vector, int against)
    {
        var differences = _aurocReplicates[vector].Zip(_aurocReplicates[against], (a, b) => a - b).ToArray();
        var interval = Percentiles(_auroc[vector] - _auroc[against], differences);
        return new AurocDifference(interval.Value, interval.Lower, interval.Upper);
    }

    /// <summary>The 2.5th and 97.5th percentiles of the defined replicates, interpolating linearly between order statistics.</summary>
    private static Interval Percentiles(double estimate, double[] replicates)
    {
        var defined = replicates.Where(double.IsFinite).Order().ToArray();
        if (defined.Length == 0)
            throw new InvalidOperationException("No bootstrap replicate drew both an event and a non-event: there are too few of one to bootstrap.");
        return new Interval(estimate, Quantile(defined, Alpha / 2), Quantile(defined, 1 - Alpha / 2));
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
