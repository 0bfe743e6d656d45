using Phm.Data.Inequality;

namespace Phm.Data.Tests.Inequality;

/// <summary>Crude rates and proportions against the worked examples of the domain reference (§6), computed by hand.</summary>
public sealed class CrudeRatesTests
{
    [Fact]
    public void Rate_OfTwentyFiveInTenThousand_UsesByarsLimits()
    {
        var rate = CrudeRates.Rate(25, 10_000, 100_000)!.Value;

        Assert.Equal(new Estimate(250.0, 161.74, 369.06), rate.Rounded(2));
        var (lower, upper) = CrudeRates.ByarLimits(25);
        Assert.Equal((16.1743, 36.9065), (Math.Round(lower, 4), Math.Round(upper, 4)));
    }

    [Fact]
    public void Rate_OfFourInTenThousand_UsesTheExactChiSquareLimits()
    {
        var rate = CrudeRates.Rate(4, 10_000, 100_000)!.Value;

        Assert.Equal(new Estimate(40.0, 10.90, 102.42), rate.Rounded(2));
        var (lower, upper) = CrudeRates.ExactLimits(4);
        Assert.Equal((1.08987, 10.24159), (Math.Round(lower, 5), Math.Round(upper, 5)));
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    public void Rate_SwitchesToByarAtTenEvents(int events, bool byar)
    {
        var expected = byar ? CrudeRates.ByarLimits(events) : CrudeRates.ExactLimits(events);

        var rate = CrudeRates.Rate(events, 1, 1)!.Value;

        Assert.Equal(expected, (rate.Lower, rate.Upper));
    }

    [Fact]
    public void Rate_OfNoEvents_HasALowerLimitOfZero_AndOfNoPopulation_IsNotGiven()
    {
        Assert.Equal(0, CrudeRates.Rate(0, 1000, 1000)!.Value.Lower);
        Assert.Null(CrudeRates.Rate(0, 0, 1000));
    }

    [Fact]
    public void Proportion_OfThirtyInTwoHundred_HasWilsonScoreLimits()
    {
        var proportion = CrudeRates.Proportion(30, 200, 1)!.Value;

        Assert.Equal(new Estimate(0.15, 0.10714, 0.20606), proportion.Rounded(5));
    }

    [Fact]
    public void Proportion_AsAPercentage_ScalesTheLimitsToo() =>
        Assert.Equal(new Estimate(15.0, 10.714, 20.606), CrudeRates.Proportion(30, 200, 100)!.Value.Rounded(3));
}
