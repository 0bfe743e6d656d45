using System.Text.Json;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Risk;

/// <summary>
/// The distribution of scores over <see cref="SampleData"/>, seen with exact counts: at the reference date North (Alpha) has
/// Ann and Bob scored (Gus died before it), Central (Beta) has Cat, Dan and Fin, and Gamma, in no PCN, has Eve.
/// </summary>
public sealed class RiskDistributionTests(SampleSchemaFixture fixture) : IClassFixture<SampleSchemaFixture>
{
    private const string Distribution = """
        query($groupBy: RiskGroupBy!) {
          riskDistribution(model: "mortality-12m", groupBy: $groupBy) {
            organisation { code } quintile patients meanProbability
            tiers { tier patients percentage meanProbability }
          }
        }
        """;

    [Fact]
    public async Task RiskDistribution_ByPcn_CountsEachPcnsScoredPatientsByTierWithTheirMeanProbability()
    {
        var probabilities = await ProbabilitiesAsync();

        var response = await fixture.Host.ExecuteAsync(Distribution, new { groupBy = "PCN" });

        var groups = response.Data.GetProperty("riskDistribution").EnumerateArray().ToList();
        Assert.Equal([North, Central], groups.Select(g => g.GetProperty("organisation").GetProperty("code").GetString()));
        Assert.Equal([2, 3], groups.Select(g => g.GetProperty("patients").GetInt32()));
        Assert.Equal(Math.Round((probabilities[Ann] + probabilities[Bob]) / 2, 4), groups[0].GetProperty("meanProbability").GetDouble());
        Assert.Equal(Math.Round((probabilities[Cat] + probabilities[Dan] + probabilities[Fin]) / 3, 4), groups[1].GetProperty("meanProbability").GetDouble());
        Assert.All(groups, g =>
        {
            var tiers = g.GetProperty("tiers").EnumerateArray().ToList();
            Assert.Equal(["VERY_HIGH", "HIGH", "MODERATE", "LOW"], tiers.Select(t => t.GetProperty("tier").GetString()));
            Assert.Equal(g.GetProperty("patients").GetInt32(), tiers.Sum(t => t.GetProperty("patients").GetInt32()));
            Assert.All(tiers.Where(t => t.GetProperty("patients").GetInt32() == 0), t => Assert.Equal(JsonValueKind.Null, t.GetProperty("meanProbability").ValueKind));
        });
    }

    [Fact]
    public async Task RiskDistribution_ByLocalQuintile_PutsThoseLivingOutsideTheLocalAuthorityInAGroupOfTheirOwn()
    {
        var response = await fixture.Host.ExecuteAsync(Distribution, new { groupBy = "LOCAL_QUINTILE" });

        var groups = response.Data.GetProperty("riskDistribution").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4, 5, null], groups.Select(g => g.GetProperty("quintile").ValueKind == JsonValueKind.Null ? (int?)null : g.GetProperty("quintile").GetInt32()));
        // Ann, Eve and Fin live in the deprived LSOA (local 1), Bob in local 3, Cat in local 5, Dan in Eastleigh.
        Assert.Equal([3, 0, 1, 0, 1, 1], groups.Select(g => g.GetProperty("patients").GetInt32()));
        Assert.All(groups, g => Assert.Equal(JsonValueKind.Null, g.GetProperty("organisation").ValueKind));
    }

    [Fact]
    public async Task RiskDistribution_ByNationalQuintile_CountsEveryScoredPatientOnce()
    {
        var response = await fixture.Host.ExecuteAsync(Distribution, new { groupBy = "NATIONAL_QUINTILE" });

        var groups = response.Data.GetProperty("riskDistribution").EnumerateArray().ToList();
        Assert.Equal([3, 1, 0, 1, 1], groups.Select(g => g.GetProperty("patients").GetInt32()));
    }

    private async Task<Dictionary<string, double>> ProbabilitiesAsync()
    {
        var response = await fixture.Host.ExecuteAsync("""{ patients { items { id risk(model: "mortality-12m") { probability } } } }""");
        return response.Data.GetProperty("patients").GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("risk").ValueKind != JsonValueKind.Null)
            .ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("risk").GetProperty("probability").GetDouble());
    }
}
