namespace Phm.Data.Inequality;

/// <summary>A statistic with its 95% confidence interval.</summary>
public readonly record struct Estimate(double Value, double Lower, double Upper)
{
    /// <summary>The estimate with each figure rounded to <paramref name="decimals"/> places, as the hub shows it.</summary>
    public Estimate Rounded(int decimals) => new(
        Math.Round(Value, decimals, MidpointRounding.AwayFromZero),
        Math.Round(Lower, decimals, MidpointRounding.AwayFromZero),
        Math.Round(Upper, decimals, MidpointRounding.AwayFromZero));
}
