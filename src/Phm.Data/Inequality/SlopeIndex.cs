using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Phm.Data.Inequality;

/// <summary>One deprivation quantile: its population and its value (a rate) with the value's 95% limits.</summary>
public readonly record struct QuantileValue(double Population, double Value, double Lower, double Upper);

/// <summary>The slope and relative indices of inequality, each with its 95% interval.</summary>
public sealed record SlopeIndexResult(Estimate Slope, Estimate Relative);

/// <summary>
/// The slope index of inequality (SII) and relative index (RII), as PHEindicatormethods v2.1.0's <c>phe_sii</c>
/// (<c>R/SII_function.R</c>; domain reference §6). Quantiles are ordered from the most deprived (first) to the least:
/// each sits at the midpoint bᵢ of its cumulative population share, and the value is regressed on b by weighted least
/// squares with weights aᵢ = popᵢ/Σpop. SII = β₁, the fitted value at b = 1 minus that at b = 0 (negative when the value
/// falls from most to least deprived); RII = (β₀ + β₁)/β₀.
/// </summary>
public static class SlopeIndex
{
    /// <summary>Draws of the simulation that gives the intervals: PHEindicatormethods' default.</summary>
    public const int Draws = 100_000;

    /// <summary>The simulation's seed, fixed so that the same figures always give the same intervals.</summary>
    public const int Seed = 20210101;

    /// <summary>
    /// The SII and RII of <paramref name="quantiles"/> (most deprived first). The intervals come from <see cref="Draws"/>
    /// simulations: each quantile's value drawn from a normal distribution with standard error (U − L)/2z, on the log scale
    /// when every lower limit is above zero (rates; PHEindicatormethods' <c>transform</c>) and on the natural scale
    /// otherwise, the regression refitted, and the 2.5th and 97.5th percentiles of the refitted indices taken.
    /// </summary>
    public static SlopeIndexResult Of(IReadOnlyList<QuantileValue> quantiles)
    {
        if (quantiles.Count < 2)
            throw new ArgumentException("The slope index needs at least two quantiles.", nameof(quantiles));
        var midpoints = Midpoints(quantiles);
        var (intercept, slope) = Fit(midpoints.Weights, midpoints.Positions, [.. quantiles.Select(q => q.Value)]);

        var onLogScale = quantiles.All(q => q.Lower > 0);
        Func<double, double> transform = onLogScale ? Math.Log : v => v;
        Func<double, double> back = onLogScale ? Math.Exp : v => v;
        var centres = quantiles.Select(q => transform(q.Value)).ToArray();
        var errors = quantiles.Select(q => (transform(q.Upper) - transform(q.Lower)) / (2 * CrudeRates.Z)).ToArray();

        var random = new MersenneTwister(Seed);
        var draws = quantiles.Select((_, i) =>
        {
            var sample = new double[Draws];
            Normal.Samples(random, sample, centres[i], errors[i]);
            return sample;
        }).ToArray();
        var slopes = new double[Draws];
        var relatives = new double[Draws];
        var values = new double[quantiles.Count];
        for (var draw = 0; draw < Draws; draw++)
        {
            for (var q = 0; q < values.Length; q++)
                values[q] = back(draws[q][draw]);
            var (b0, b1) = Fit(midpoints.Weights, midpoints.Positions, values);
            slopes[draw] = b1;
            relatives[draw] = (b0 + b1) / b0;
        }
        return new SlopeIndexResult(
            new Estimate(slope, Percentile(slopes, 0.025), Percentile(slopes, 0.975)),
            new Estimate((intercept + slope) / intercept, Percentile(relatives, 0.025), Percentile(relatives, 0.975)));
    }

    /// <summary>Each quantile's population share aᵢ and the midpoint bᵢ of its cumulative share.</summary>
    private static (double[] Weights, double[] Positions) Midpoints(IReadOnlyList<QuantileValue> quantiles)
    {
        var total = quantiles.Sum(q => q.Population);
        var weights = quantiles.Select(q => q.Population / total).ToArray();
        var positions = new double[weights.Length];
        var before = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            positions[i] = before + weights[i] / 2;
            before += weights[i];
        }
        return (weights, positions);
    }

    /// <summary>The weighted least-squares line through (bᵢ, Yᵢ) with weights aᵢ (summing to 1).</summary>
    private static (double Intercept, double Slope) Fit(double[] weights, double[] positions, double[] values)
    {
        double meanPosition = 0, meanValue = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            meanPosition += weights[i] * positions[i];
            meanValue += weights[i] * values[i];
        }
        double covariance = 0, variance = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            covariance += weights[i] * (positions[i] - meanPosition) * (values[i] - meanValue);
            variance += weights[i] * (positions[i] - meanPosition) * (positions[i] - meanPosition);
        }
        var slope = covariance / variance;
        return (meanValue - slope * meanPosition, slope);
    }

    /// <summary>The value at position round(R·p) of the sorted draws (1-based), as PHEindicatormethods takes it.</summary>
    private static double Percentile(double[] draws, double p)
    {
        Array.Sort(draws);
        return draws[(int)Math.Round(draws.Length * p, MidpointRounding.AwayFromZero) - 1];
    }
}
