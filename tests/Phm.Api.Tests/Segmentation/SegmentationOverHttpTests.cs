using System.Net;
using System.Text.Json;

namespace Phm.Api.Tests.Segmentation;

/// <summary>The segmentation end to end: HTTP, the generated population, each role's view.</summary>
[Collection(HubCollection.Name)]
public sealed class SegmentationOverHttpTests(PhmApiFactory hub)
{
    [Fact]
    public async Task Segmentation_ByNationalQuintile_ForAnAnalyst_SuppressesSmallCellsWithTheReason_AndRoundsTheRest()
    {
        var response = await hub.AsAnalyst().PostGraphQLAsync("""
            {
              segmentation(by: [NATIONAL_QUINTILE]) {
                groups { nationalQuintile patients suppression }
                cells { segment nationalQuintile patients ratePerThousand suppression }
              }
            }
            """);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var cells = response.Json.GetProperty("data").GetProperty("segmentation").GetProperty("cells").EnumerateArray().ToList();
        var suppressed = cells.Where(c => c.GetProperty("patients").ValueKind == JsonValueKind.Null).ToList();
        Assert.NotEmpty(suppressed);
        Assert.All(suppressed, c =>
        {
            Assert.True(c.GetProperty("suppression").GetString() is "SMALL_COUNT" or "SECONDARY");
            Assert.Equal(JsonValueKind.Null, c.GetProperty("ratePerThousand").ValueKind);
        });
        // Secondary suppression: no group shows its total beside exactly one hidden segment, which the total less the others would give.
        var groups = response.Json.GetProperty("data").GetProperty("segmentation").GetProperty("groups").EnumerateArray()
            .ToDictionary(g => g.GetProperty("nationalQuintile").GetInt32(), g => g.GetProperty("patients").ValueKind == JsonValueKind.Null);
        Assert.All(suppressed.GroupBy(c => c.GetProperty("nationalQuintile").GetInt32()), group =>
            Assert.True(group.Count() + (groups[group.Key] ? 1 : 0) != 1, $"quintile {group.Key} hides one cell only"));
        Assert.Contains(suppressed, c => c.GetProperty("suppression").GetString() == "SECONDARY");
        Assert.All(cells.Except(suppressed), c =>
        {
            Assert.Equal(0, c.GetProperty("patients").GetInt32() % 5);
            Assert.Equal(JsonValueKind.Null, c.GetProperty("suppression").ValueKind);
        });
        Snapshot.Match(response.ForSnapshot());
    }

    [Fact]
    public async Task Segmentation_ForAnAdmin_PutsEveryLivingPatientInExactlyOneSegment()
    {
        var response = await hub.AsAdmin().PostGraphQLAsync("""
            {
              segmentation { groups { patients } cells { patients } }
              byPractice: segmentation(by: [PRACTICE]) { groups { patients } }
              deprivationProfile(groupBy: PRACTICE) { patients }
            }
            """);

        var data = response.Json.GetProperty("data");
        var living = data.GetProperty("deprivationProfile").EnumerateArray().Sum(g => g.GetProperty("patients").GetInt32());
        var everyone = data.GetProperty("segmentation");
        Assert.Equal([living], everyone.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("patients").GetInt32()));
        Assert.Equal(living, everyone.GetProperty("cells").EnumerateArray().Sum(c => c.GetProperty("patients").GetInt32()));
        Assert.Equal(8, everyone.GetProperty("cells").GetArrayLength());
        Assert.Equal(living, data.GetProperty("byPractice").GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("patients").GetInt32()));
    }

    [Fact]
    public async Task Segmentation_ForAClinician_CountsOnlyItsOwnPcnsLivingPatients_Exactly()
    {
        var clinician = hub.AsClinician(GovernanceTests.PcnA);

        var response = await clinician.PostGraphQLAsync("""
            {
              segmentation(by: [PCN, SEX]) { groups { pcn { code } sex patients } cells { patients } }
              patients(filter: { alive: true }, first: 0) { totalCount }
            }
            """);

        var data = response.Json.GetProperty("data");
        var groups = data.GetProperty("segmentation").GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal([(GovernanceTests.PcnA, "FEMALE"), (GovernanceTests.PcnA, "MALE")],
            groups.Select(g => (g.GetProperty("pcn").GetProperty("code").GetString(), g.GetProperty("sex").GetString())));
        Assert.Equal(data.GetProperty("patients").GetProperty("totalCount").GetInt32(), groups.Sum(g => g.GetProperty("patients").GetInt32()));
        Assert.Contains(data.GetProperty("segmentation").GetProperty("cells").EnumerateArray(), c => c.GetProperty("patients").GetInt32() % 5 != 0);
    }

    [Fact]
    public async Task Segmentation_OfAnotherPcn_ForAClinician_IsForbidden_AndOfAnUnknownPcn_NotFound()
    {
        const string OfPcn = "query($pcn: String) { segmentation(pcn: $pcn) { groups { patients } } }";

        var otherPcn = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(OfPcn, new { pcn = GovernanceTests.PcnB });
        var unknownPcn = await hub.AsAnalyst().PostGraphQLAsync(OfPcn, new { pcn = "U00000" });
        var ownPcn = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(OfPcn, new { pcn = GovernanceTests.PcnA });

        Assert.Equal(["FORBIDDEN"], otherPcn.ErrorCodes);
        Assert.False(otherPcn.Json.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null);
        Assert.Equal(["PCN_NOT_FOUND"], unknownPcn.ErrorCodes);
        Assert.Empty(ownPcn.ErrorCodes);
    }
}
