using Phm.Data.Inequality;

namespace Phm.Data.Tests.Inequality;

/// <summary>Directly standardised rates (Dobson's method, Byar's limits) against the domain reference's worked example (§6).</summary>
public sealed class StandardisedRatesTests
{
    /// <summary>Three bands collapsed from the ESP 2013: 0-44 (54,000), 45-64 (26,500), 65+ (19,500).</summary>
    private static readonly AgeBandCount[] ThreeBands = [new(5, 6000, 54_000), new(20, 2500, 26_500), new(60, 1500, 19_500)];

    [Fact]
    public void Rate_OfTheThreeBandExample_Is1037WithDobsonLimits()
    {
        var rate = StandardisedRates.Rate(ThreeBands, 100_000)!.Value;

        Assert.Equal(new Estimate(1037.0, 827.14, 1283.64), rate.Rounded(2));
    }

    [Fact]
    public void Rate_WithFewerThanTenEvents_IsNotGiven() =>
        Assert.Null(StandardisedRates.Rate([new(4, 6000, 54_000), new(5, 2500, 26_500), new(0, 1500, 19_500)], 100_000));

    [Fact]
    public void Rate_OfOnePopulationWithTheStandardsAgeMix_IsItsCrudeRate()
    {
        // Populations in proportion to the weights: standardising changes nothing.
        var bands = EuropeanStandardPopulation.Weights.Select((w, i) => new AgeBandCount(i + 1, w / 10.0, w)).ToList();
        var crude = bands.Sum(b => b.Events) / bands.Sum(b => b.Population) * 1000;

        Assert.Equal(crude, StandardisedRates.Rate(bands, 1000)!.Value.Value, 9);
    }

    [Fact]
    public void EuropeanStandardPopulation_HasNineteenBandsSummingTo100000()
    {
        Assert.Equal(19, EuropeanStandardPopulation.Weights.Count);
        Assert.Equal(100_000, EuropeanStandardPopulation.Weights.Sum());
        Assert.Equal((0, 0, 17, 18, 18), (EuropeanStandardPopulation.BandOf(0), EuropeanStandardPopulation.BandOf(4),
            EuropeanStandardPopulation.BandOf(89), EuropeanStandardPopulation.BandOf(90), EuropeanStandardPopulation.BandOf(104)));
        Assert.Equal(("5-9", "90+"), (EuropeanStandardPopulation.Label(1), EuropeanStandardPopulation.Label(18)));
    }
}
