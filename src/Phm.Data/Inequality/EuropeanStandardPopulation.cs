namespace Phm.Data.Inequality;

/// <summary>
/// The European Standard Population 2013 in its 19 five-year bands (0-4, 5-9, …, 85-89, 90+), summing to 100,000: the
/// weights OHID standardises rates with (PHEindicatormethods <c>esp2013</c>; domain reference §6).
/// </summary>
public static class EuropeanStandardPopulation
{
    public const int BandYears = 5;

    public static IReadOnlyList<int> Weights { get; } =
        [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000];

    /// <summary>The last band, 90 and over.</summary>
    public static int OldestBand => Weights.Count - 1;

    /// <summary>The band (0 for 0-4 … 18 for 90+) of an age in whole years.</summary>
    public static int BandOf(int age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        return Math.Min(age / BandYears, OldestBand);
    }

    /// <summary>How a band reads: "0-4", …, "85-89", "90+".</summary>
    public static string Label(int band) =>
        band == OldestBand ? $"{band * BandYears}+" : $"{band * BandYears}-{band * BandYears + BandYears - 1}";
}
