using Phm.Data.Inequality;

namespace Phm.Data.Tests.Inequality;

/// <summary>The slope and relative indices of inequality against the domain reference's worked example (§6).</summary>
public sealed class SlopeIndexTests
{
    /// <summary>Quintiles most to least deprived: populations 30k … 10k, rates 120 … 70, each ±10.</summary>
    private static readonly QuantileValue[] Quintiles =
    [
        new(30_000, 120, 110, 130), new(25_000, 100, 90, 110), new(20_000, 90, 80, 100), new(15_000, 80, 70, 90), new(10_000, 70, 60, 80),
    ];

    [Fact]
    public void SlopeIndex_OfTheWorkedExample_IsMinusSixty_AndTheRelativeIndex0Point53125()
    {
        var result = SlopeIndex.Of(Quintiles);

        Assert.Equal(-60.0, result.Slope.Value, 9);
        Assert.Equal(0.53125, result.Relative.Value, 9);
    }

    [Fact]
    public void SlopeIndex_Intervals_HoldTheEstimate_AndRepeatExactly()
    {
        var result = SlopeIndex.Of(Quintiles);

        Assert.InRange(result.Slope.Value, result.Slope.Lower, result.Slope.Upper);
        Assert.InRange(result.Relative.Value, result.Relative.Lower, result.Relative.Upper);
        Assert.True(result.Slope.Upper < 0, "every quintile's interval is narrow enough for the whole interval to show the gradient");
        Assert.Equal(result, SlopeIndex.Of(Quintiles));
    }

    [Fact]
    public void SlopeIndex_Intervals_WidenWithTheQuintilesIntervals()
    {
        var wide = Quintiles.Select(q => q with { Lower = q.Value - 30, Upper = q.Value + 30 }).ToList();

        var narrow = SlopeIndex.Of(Quintiles).Slope;
        var wider = SlopeIndex.Of(wide).Slope;

        Assert.True(wider.Upper - wider.Lower > 2 * (narrow.Upper - narrow.Lower));
    }

    [Fact]
    public void SlopeIndex_OfAFlatGradient_IsZero_AndTheRelativeIndexOne()
    {
        var result = SlopeIndex.Of([.. Quintiles.Select(q => q with { Value = 50, Lower = 45, Upper = 55 })]);

        Assert.Equal(0, result.Slope.Value, 9);
        Assert.Equal(1, result.Relative.Value, 9);
    }
}
