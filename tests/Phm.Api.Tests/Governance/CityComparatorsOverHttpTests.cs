namespace Phm.Api.Tests.Governance;

/// <summary>
/// City comparators through the hub, where a clinician's requests read through their PCN's scope: the city's figures are
/// still the whole city's, shown to the clinician exactly as to an analyst, and nothing else the clinician reads widens.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class CityComparatorsOverHttpTests(PhmApiFactory hub)
{
    private const string City = """
        { cityComparison {
            members membersSuppression
            ageBandsBySex { ageBand sex patients suppression }
            deprivation { byNationalQuintile { quintile patients percentage suppression } byLocalQuintile { quintile patients percentage suppression } }
            topRegisters(first: 19) { register patients percentage suppression }
            riskTiers { model patients tiers { tier patients percentage suppression } }
        } }
        """;

    private const string Living = "{ evaluateCohort(criteria: { alive: true }) { count } }";

    [Fact]
    public async Task ClinicianOfEachPcn_IsShownTheCity_ExactlyAsAnAnalystIs()
    {
        var analyst = await hub.AsAnalyst().PostGraphQLAsync(City);
        var clinicianOfA = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(City);
        var clinicianOfB = await hub.AsClinician(GovernanceTests.PcnB).PostGraphQLAsync(City);

        Assert.Empty(analyst.ErrorCodes);
        Assert.Equal(analyst.Body, clinicianOfA.Body);
        Assert.Equal(analyst.Body, clinicianOfB.Body);
    }

    [Fact]
    public async Task TheCity_IsEveryPractices_LivingPatients_PerturbedAndRounded_NotTheClinicians()
    {
        var exact = (await hub.AsAdmin().PostGraphQLAsync("{ cityComparison { members } " + Living[1..])).Json.GetProperty("data");
        var clinician = hub.AsClinician(GovernanceTests.PcnA);
        var ownPcn = Count(await clinician.PostGraphQLAsync(Living), "evaluateCohort", "count");
        var shown = Count(await clinician.PostGraphQLAsync("{ cityComparison { members } }"), "cityComparison", "members");

        var city = exact.GetProperty("cityComparison").GetProperty("members").GetInt32();
        Assert.Equal(exact.GetProperty("evaluateCohort").GetProperty("count").GetInt32(), city);
        Assert.True(ownPcn < city, $"PCN A's {ownPcn} living patients are fewer than the city's {city}");
        Assert.Equal(0, shown % 5);
        Assert.InRange(shown, city - 4, city + 4);
    }

    [Fact]
    public async Task AClinician_AskingForTheCity_StillReadsOnlyTheirOwnPcnsPatients()
    {
        var clinician = hub.AsClinician(GovernanceTests.PcnA);

        var alone = Count(await clinician.PostGraphQLAsync("{ patients(first: 1) { totalCount } }"), "patients", "totalCount");
        var withCity = await clinician.PostGraphQLAsync("{ cityComparison { members } patients(first: 1) { totalCount } }");

        Assert.Empty(withCity.ErrorCodes);
        Assert.Equal(alone, Count(withCity, "patients", "totalCount"));
        Assert.True(alone < Count(withCity, "cityComparison", "members"));
    }

    private static int Count(GraphQLResponse response, string field, string count) => response.Json.GetProperty("data").GetProperty(field).GetProperty(count).GetInt32();
}
