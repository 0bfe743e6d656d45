using Phm.Data.Population;

namespace Phm.Data.Tests.Population;

/// <summary>The allocation of the default population (the real 301,885 registered patients) to practices and LSOAs.</summary>
public sealed class CatchmentModelTests
{
    private static readonly Lazy<CatchmentModel> Model = new(() => CatchmentModel.Fit(TestReference.Data, TestReference.Data.TotalListSize));

    [Fact]
    public void EveryPractice_MeanImdScore_IsWithinTwoPointsOfItsFingertipsValue()
    {
        var model = Model.Value;
        var misses = model.Practices
            .Select((practice, p) => (practice, mean: model.MeanScore(p)))
            .Where(x => x.practice.PublishedImdScore is { } published && Math.Abs(x.mean - published) > 2.0)
            .Select(x => $"{x.practice.Code}: {x.mean:F2} vs {x.practice.PublishedImdScore:F2}")
            .ToList();

        Assert.Equal(26, model.Practices.Count(p => p.PublishedImdScore is not null));
        Assert.Empty(misses);
    }

    [Fact]
    public void EveryPractice_GetsItsRealListShare_WithinOnePercent()
    {
        var model = Model.Value;
        var total = model.Practices.Sum(p => p.ListSize);
        for (var p = 0; p < model.Practices.Count; p++)
        {
            var allocated = Enumerable.Range(0, model.Lsoas.Count).Sum(l => model.Counts[p, l]);
            var expected = (double)model.Practices[p].ListSize / total * TestReference.Data.TotalListSize;
            Assert.InRange(allocated, expected * 0.99, expected * 1.01);
        }
    }

    [Fact]
    public void EveryCityLsoa_HoldsItsShareOfTheCitysResidents_WithinTwoPercent()
    {
        var model = Model.Value;
        var city = Enumerable.Range(0, model.Lsoas.Count).Where(l => model.Lsoas[l].IsInLocalAuthority).ToList();
        var cityPatients = city.Sum(ColumnTotal);
        var cityResidents = city.Sum(l => model.Lsoas[l].Population.Total);

        Assert.Equal(148, city.Count);
        foreach (var l in city)
        {
            var share = (double)ColumnTotal(l) / cityPatients;
            var residentShare = (double)model.Lsoas[l].Population.Total / cityResidents;
            Assert.InRange(share, residentShare * 0.98, residentShare * 1.02);
        }

        int ColumnTotal(int l) => Enumerable.Range(0, model.Practices.Count).Sum(p => model.Counts[p, l]);
    }

    [Fact]
    public void PatientsBeyondTheCitysResidents_LiveInNeighbouringDistricts()
    {
        var model = Model.Value;
        var outside = 0;
        for (var p = 0; p < model.Practices.Count; p++)
        {
            for (var l = 0; l < model.Lsoas.Count; l++)
            {
                if (!model.Lsoas[l].IsInLocalAuthority)
                    outside += model.Counts[p, l];
            }
        }

        // Lists of 301,885 against 246,054 residents: about 18.5% live outside the city.
        Assert.InRange(outside, 301_885 - 246_054 - 100, 301_885 - 246_054 + 100);
    }

    [Fact]
    public void APracticeOutsideTheCity_DrawsMostOfItsPatientsFromOutsideIt()
    {
        var model = Model.Value;
        var stLukes = model.Practices.ToList().FindIndex(p => p.Code == "J82192");
        var outside = Enumerable.Range(0, model.Lsoas.Count).Where(l => !model.Lsoas[l].IsInLocalAuthority).Sum(l => model.Counts[stLukes, l]);

        Assert.True(outside > model.ListTargets[stLukes] / 2, $"St Lukes (Hedge End) has {outside} of {model.ListTargets[stLukes]} patients outside the city");
    }
}
