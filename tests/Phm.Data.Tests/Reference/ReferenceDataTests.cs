using Phm.Data.Geography;
using Phm.Data.Store;

namespace Phm.Data.Tests.Reference;

/// <summary>The published reference files load exactly: every Southampton LSOA, quintile, PCN, practice and list size.</summary>
public sealed class ReferenceDataTests
{
    private static Phm.Data.Store.ReferenceData Data => TestReference.Data;

    [Fact]
    public void TheCity_Has148Lsoas_WithTheirNationalQuintiles()
    {
        var city = Data.LocalLsoas.ToList();

        Assert.Equal(148, city.Count);
        Assert.All(city, l => Assert.Equal("E06000045", l.LocalAuthorityCode));
        // Quintile 1 = most deprived: deciles 1-2.
        Assert.Equal(
            new Dictionary<int, int> { [1] = 43, [2] = 50, [3] = 29, [4] = 21, [5] = 5 },
            city.GroupBy(l => l.NationalQuintile).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()));
    }

    [Fact]
    public void LocalQuintiles_SplitTheCityByRank_IntoFiveNearEqualGroups()
    {
        var city = Data.LocalLsoas.OrderBy(l => l.ImdRank).ToList();

        Assert.Equal(
            new Dictionary<int, int> { [1] = 30, [2] = 30, [3] = 29, [4] = 30, [5] = 29 },
            city.GroupBy(l => l.LocalQuintile!.Value).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()));
        Assert.Equal(city.Select(l => l.LocalQuintile).Order(), city.Select(l => l.LocalQuintile));
        Assert.All(Data.Lsoas.Where(l => !l.IsInLocalAuthority), l => Assert.Null(l.LocalQuintile));
    }

    [Fact]
    public void AnLsoa_CarriesItsPublishedRankScoreDomainsAndPopulation()
    {
        var lsoa = Data.Lsoas.Single(l => l.Code == "E01017136");

        Assert.Equal("Southampton 023A", lsoa.Name);
        Assert.Equal(15117, lsoa.ImdRank); // published as "15,117"
        Assert.Equal(5, lsoa.ImdDecile);
        Assert.Equal(3, lsoa.NationalQuintile);
        Assert.False(lsoa.ImdScoreIsEstimated);
        Assert.Equal(new DomainDeciles(9, 10, 6, 3, 1, 7, 2), lsoa.Domains);
        Assert.Equal(new LsoaPopulation(1962, 53, 1752, 157), lsoa.Population);
        Assert.Equal(246_054, Data.LocalLsoas.Sum(l => l.Population.Total));
    }

    [Fact]
    public void ScoresOutsideTheCity_AreEstimatedFromRank_AndFallAsRankRises()
    {
        var neighbours = Data.Lsoas.Where(l => !l.IsInLocalAuthority).OrderBy(l => l.ImdRank).ToList();

        Assert.NotEmpty(neighbours);
        Assert.All(neighbours, l => Assert.True(l.ImdScoreIsEstimated));
        Assert.Equal(neighbours.Select(l => l.ImdScore).OrderDescending(), neighbours.Select(l => l.ImdScore));
        Assert.All(neighbours, l => Assert.InRange(l.ImdScore, 0, 80));
    }

    [Fact]
    public void SixPcns_AndTheir27Practices_WithJanuary2021ListSizes()
    {
        Assert.Equal(
            ["U08561", "U18986", "U47004", "U53997", "U91385", "U97340"],
            Data.Pcns.Select(p => p.Code));
        Assert.Equal("SOUTHAMPTON BITTERNE PCN", Data.Pcns.Single(p => p.Code == "U97340").Name);
        Assert.Equal(27, Data.Practices.Count);
        Assert.Equal(301_885, Data.TotalListSize);
        Assert.Equal(9_292, Data.Practices.Single(p => p.Code == "J82001").ListSize);
        Assert.Equal(525, Data.Practices.Single(p => p.Code == "J82217").ListSize);
        Assert.Equal(23.5257553752108, Data.Practices.Single(p => p.Code == "J82001").PublishedImdScore);
        Assert.Null(Data.Practices.Single(p => p.Code == "J82217").PublishedImdScore);
    }

    [Fact]
    public void PcnMembership_IsAPeriod_ThatEndsWhenAPracticeMovesOrLeaves()
    {
        var walnutTree = Data.Practices.Single(p => p.Code == "J82605").Memberships;
        var stLukes = Data.Practices.Single(p => p.Code == "J82192").Memberships;
        var burgessRoad = Data.Practices.Single(p => p.Code == "J82001").Memberships;

        Assert.Equal(
            [("U18986", new DateOnly(2020, 9, 1), (DateOnly?)new DateOnly(2021, 12, 31)), ("U47004", new DateOnly(2022, 1, 1), null)],
            walnutTree.Select(m => (m.PcnCode, m.ValidFrom, m.ValidTo)));
        Assert.Equal([("U08561", new DateOnly(2020, 9, 1), (DateOnly?)new DateOnly(2021, 12, 31))], stLukes.Select(m => (m.PcnCode, m.ValidFrom, m.ValidTo)));
        Assert.Equal([("U91385", new DateOnly(2020, 9, 1), (DateOnly?)null)], burgessRoad.Select(m => (m.PcnCode, m.ValidFrom, m.ValidTo)));
    }

    [Fact]
    public void AnotherEnglishAuthority_GetsItsOwnLsoasAndLocalQuintiles()
    {
        var portsmouth = Phm.Data.Store.ReferenceData.Load(TestReference.Directory, "E06000044", []);

        var local = portsmouth.LocalLsoas.ToList();
        Assert.Equal(125, local.Count);
        Assert.All(local, l => Assert.True(l.ImdScoreIsEstimated));
        Assert.Equal([1, 2, 3, 4, 5], local.Select(l => l.LocalQuintile!.Value).Distinct().Order());
    }

    [Fact]
    public void AnUnknownAuthority_IsRefused_NamingTheSetting()
    {
        var error = Assert.Throws<ReferenceDataException>(() => Phm.Data.Store.ReferenceData.Load(TestReference.Directory, "E99999999", []));

        Assert.Contains("Phm:LocalAuthority", error.Message);
        Assert.Contains("E99999999", error.Message);
    }
}
