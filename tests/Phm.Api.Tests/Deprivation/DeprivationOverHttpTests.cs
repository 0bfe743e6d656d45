using System.Net;

namespace Phm.Api.Tests.Deprivation;

[Collection(HubCollection.Name)]
public sealed class DeprivationOverHttpTests(PhmApiFactory hub)
{
    [Fact]
    public async Task DeprivationProfile_ByPcn_OfTheSeededPopulation_MatchesSnapshot()
    {
        var response = await hub.AsAdmin().PostGraphQLAsync("""
            {
              deprivationProfile(groupBy: PCN) {
                group { code name } patients
                byNationalQuintile { quintile patients percentage }
                byLocalQuintile { quintile patients percentage }
                outsideLocalAuthority { patients percentage }
              }
            }
            """);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Snapshot.Match(response.ForSnapshot());
    }

    [Fact]
    public async Task DeprivationProfile_ByPractice_ForAClinician_AccountsForEveryLivingPatientOfItsPcn()
    {
        var response = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync("""
            {
              deprivationProfile(groupBy: PRACTICE) { patients byNationalQuintile { patients } byLocalQuintile { patients } outsideLocalAuthority { patients } }
              patients(filter: { alive: true }, first: 0) { totalCount }
            }
            """);

        var data = response.Json.GetProperty("data");
        var groups = data.GetProperty("deprivationProfile").EnumerateArray().ToList();
        Assert.Equal(data.GetProperty("patients").GetProperty("totalCount").GetInt32(), groups.Sum(g => g.GetProperty("patients").GetInt32()));
        Assert.All(groups, g =>
        {
            var patients = g.GetProperty("patients").GetInt32();
            Assert.Equal(patients, g.GetProperty("byNationalQuintile").EnumerateArray().Sum(q => q.GetProperty("patients").GetInt32()));
            Assert.Equal(patients, g.GetProperty("byLocalQuintile").EnumerateArray().Sum(q => q.GetProperty("patients").GetInt32())
                + g.GetProperty("outsideLocalAuthority").GetProperty("patients").GetInt32());
        });
    }
}
