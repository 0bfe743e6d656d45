using System.Net;

namespace Phm.Api.Tests.Practices;

[Collection(HubCollection.Name)]
public sealed class PracticesOverHttpTests(PhmApiFactory hub)
{
    [Fact]
    public async Task Pcns_WithTheirPracticesAtTheReferenceDate_MatchSnapshot()
    {
        var response = await hub.AsAnalyst().PostGraphQLAsync("{ pcns { code name practices { code name listSize publishedImdScore } } }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Snapshot.Match(response.ForSnapshot());
    }

    [Fact]
    public async Task Practices_WhoseMembershipChanged_ShowEveryPeriod()
    {
        var response = await hub.AsAnalyst().PostGraphQLAsync("{ practices { code pcn { code } pcnMemberships { pcn { code } validFrom validTo } } }");

        var changed = response.Json.GetProperty("data").GetProperty("practices").EnumerateArray()
            .Where(p => p.GetProperty("pcnMemberships").GetArrayLength() > 1)
            .ToList();
        Assert.NotEmpty(changed);
        Snapshot.Match(string.Join('\n', changed.Select(p => p.Indented())));
    }
}
