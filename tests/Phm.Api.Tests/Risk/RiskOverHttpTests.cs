using System.Net;
using System.Text.Json;
using static Phm.Api.Tests.Support.TestRiskScores;

namespace Phm.Api.Tests.Risk;

/// <summary>The risk fields end to end: HTTP, the generated population with <see cref="TestRiskScores"/>.</summary>
[Collection(HubCollection.Name)]
public sealed class RiskOverHttpTests(PhmApiFactory hub)
{
    [Fact]
    public async Task RiskModels_ForAnAnalyst_ShowEachModelWithItsMetricsAndRoundedCount()
    {
        var response = await hub.AsAnalyst().PostGraphQLAsync("""
            {
              riskModels {
                name version outcome learner trainedAt trainedOn evaluatedOn scoredOn scoredAt patientsScored
                metrics { auroc aurocLower aurocUpper auprc brier calibrationSlope calibrationIntercept oracleAuroc oracleBrier shareOfOracleAuroc }
              }
            }
            """);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Snapshot.Match(response.ForSnapshot());
    }

    [Fact]
    public async Task PatientRisk_ForAClinician_ShowsTheScoreOfEachModelWithItsContributions()
    {
        var id = await GovernanceTests.FirstPatientIdOfAsync(hub, GovernanceTests.PcnA);

        var response = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync("""
            query($id: ID!) {
              patient(id: $id) {
                id
                admission: risk(model: "emergency-admission-12m") { model version probability percentile tier contributions { feature words contribution } }
                death: risk(model: "mortality-12m") { model version probability percentile tier contributions { feature words contribution } }
              }
            }
            """, new { id });

        Snapshot.Match(response.ForSnapshot());
    }

    [Fact]
    public async Task PatientsByRiskDesc_FirstPageOfTheHighTiers_MatchesSnapshot()
    {
        var response = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync("""
            {
              patients(first: 5, orderBy: RISK_DESC, filter: { risk: { model: "emergency-admission-12m", tiers: [VERY_HIGH, HIGH] } }) {
                totalCount
                pageInfo { hasNextPage endCursor }
                edges { cursor node { id age practice { code } risk(model: "emergency-admission-12m") { probability percentile tier } } }
              }
            }
            """);

        Snapshot.Match(response.ForSnapshot());
    }

    [Fact]
    public async Task RiskDistribution_ByPcn_ForAnAnalyst_SuppressesSmallCountsAndTheirMeans()
    {
        var response = await hub.AsAnalyst().PostGraphQLAsync("""
            {
              riskDistribution(model: "emergency-admission-12m", groupBy: PCN) {
                organisation { code name } patients suppression meanProbability
                tiers { tier patients suppression percentage meanProbability }
              }
            }
            """);

        var tiers = response.Json.GetProperty("data").GetProperty("riskDistribution").EnumerateArray().SelectMany(g => g.GetProperty("tiers").EnumerateArray()).ToList();
        Assert.Contains(tiers, t => t.GetProperty("patients").ValueKind == JsonValueKind.Null);
        Assert.All(tiers.Where(t => t.GetProperty("patients").ValueKind == JsonValueKind.Null),
            t => Assert.Equal(JsonValueKind.Null, t.GetProperty("meanProbability").ValueKind));
        Assert.All(tiers.Where(t => t.GetProperty("patients").ValueKind != JsonValueKind.Null),
            t => Assert.Equal(0, t.GetProperty("patients").GetInt32() % 5));
        Snapshot.Match(response.ForSnapshot());
    }

    [Fact]
    public async Task PatientsByRiskDesc_PagedToTheEnd_GiveEachScoredPatientOfThePcnOnceHighestRiskFirst()
    {
        var ids = new List<string>();
        var percentiles = new List<double>();
        string? after = null;
        int totalCount;
        bool hasNextPage;
        do
        {
            var page = (await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(
                """
                query($after: String) {
                  patients(first: 100, after: $after, orderBy: RISK_DESC, filter: { risk: { model: "emergency-admission-12m" } }) {
                    totalCount pageInfo { hasNextPage endCursor } items { id risk(model: "emergency-admission-12m") { percentile } }
                  }
                }
                """,
                new { after })).Json.GetProperty("data").GetProperty("patients");
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                ids.Add(item.GetProperty("id").GetString()!);
                percentiles.Add(item.GetProperty("risk").GetProperty("percentile").GetDouble());
            }
            totalCount = page.GetProperty("totalCount").GetInt32();
            hasNextPage = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean();
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
        while (hasNextPage);

        Assert.True(totalCount > 100, $"{totalCount} patients fit on one page: paging is not exercised.");
        Assert.Equal(totalCount, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(percentiles.Zip(percentiles.Skip(1)), pair => Assert.True(pair.First > pair.Second, $"{pair.First} is not above {pair.Second}"));
        var scoredAlive = (await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync("{ patients(first: 0, filter: { alive: true }) { totalCount } }"))
            .Json.GetProperty("data").GetProperty("patients").GetProperty("totalCount").GetInt32();
        Assert.Equal(scoredAlive, totalCount);
    }

    [Fact]
    public async Task RiskModels_AreOpenToEveryRole_AndRiskDistributionToTheRolesOfAggregates()
    {
        foreach (var caller in new[] { "clinicianOfA", "analyst", "admin" })
        {
            var response = await hub.As(caller).PostGraphQLAsync($$"""{ riskModels { name } riskDistribution(model: "{{Mortality}}", groupBy: NATIONAL_QUINTILE) { quintile } }""");
            Assert.Empty(response.ErrorCodes);
            Assert.Equal([Admission, Mortality], response.Json.GetProperty("data").GetProperty("riskModels").Strings("name"));
        }
    }
}
