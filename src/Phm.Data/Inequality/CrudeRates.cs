using MathNet.Numerics.Distributions;

namespace Phm.Data.Inequality;

/// <summary>
/// Crude rates and proportions with 95% confidence intervals, as OHID's PHEindicatormethods v2.1.0 computes them
/// (<c>R/utils.R</c>, <c>R/Rates.R</c>, <c>R/Proportions.R</c>; domain reference §6).
/// </summary>
public static class CrudeRates
{
    /// <summary>Φ⁻¹(0.975), the z of a two-sided 95% interval.</summary>
    public const double Z = 1.959963984540054;

    /// <summary>Below this many events a rate's limits come from the exact (chi-square) method, from here on from Byar's.</summary>
    public const int ByarFrom = 10;

    /// <summary>
    /// <paramref name="events"/> per <paramref name="multiplier"/> of <paramref name="population"/>, with the exact method's
    /// limits below <see cref="ByarFrom"/> events and Byar's from there; null when the population is empty.
    /// </summary>
    public static Estimate? Rate(int events, double population, double multiplier)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        if (population <= 0)
            return null;
        var (lower, upper) = events < ByarFrom ? ExactLimits(events) : ByarLimits(events);
        return new Estimate(events / population * multiplier, lower / population * multiplier, upper / population * multiplier);
    }

    /// <summary>The exact Poisson limits on a count: χ²(0.025; 2x)/2 (0 when x is 0) and χ²(0.975; 2x + 2)/2.</summary>
    public static (double Lower, double Upper) ExactLimits(int events) => (
        events == 0 ? 0 : ChiSquared.InvCDF(2.0 * events, 0.025) / 2,
        ChiSquared.InvCDF(2.0 * events + 2, 0.975) / 2);

    /// <summary>Byar's approximation of the Poisson limits on a count x: x(1 − 1/9x − z/3√x)³ and (x+1)(1 − 1/9(x+1) + z/3√(x+1))³.</summary>
    public static (double Lower, double Upper) ByarLimits(double events) => (
        events == 0 ? 0 : events * Math.Pow(1 - 1 / (9 * events) - Z / (3 * Math.Sqrt(events)), 3),
        (events + 1) * Math.Pow(1 - 1 / (9 * (events + 1)) + Z / (3 * Math.Sqrt(events + 1)), 3));

    /// <summary>
    /// The proportion <paramref name="cases"/>/<paramref name="population"/> times <paramref name="multiplier"/> (100 for a
    /// percentage), with Wilson score limits (2x + z² ∓ z√(z² + 4x(1 − x/n))) / 2(n + z²); null when the population is empty.
    /// </summary>
    public static Estimate? Proportion(int cases, int population, double multiplier)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cases);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cases, population);
        if (population == 0)
            return null;
        double x = cases, n = population;
        var spread = Z * Math.Sqrt(Z * Z + 4 * x * (1 - x / n));
        var denominator = 2 * (n + Z * Z);
        return new Estimate(x / n * multiplier, (2 * x + Z * Z - spread) / denominator * multiplier, (2 * x + Z * Z + spread) / denominator * multiplier);
    }
}
