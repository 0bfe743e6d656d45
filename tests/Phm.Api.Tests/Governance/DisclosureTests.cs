using Phm.Api.Governance;

namespace Phm.Api.Tests.Governance;

/// <summary>Small-number suppression: the rule, and what analysts get over HTTP compared with the exact counts.</summary>
[Collection(HubCollection.Name)]
public sealed class DisclosureTests(PhmApiFactory hub)
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, null)]
    [InlineData(7, null)]
    [InlineData(8, 10)]
    [InlineData(12, 10)]
    [InlineData(13, 15)]
    [InlineData(2998, 3000)]
    public void Count_UnderSuppression_HidesOneToSevenAndRoundsTheRestToFive(int patients, int? shown) =>
        Assert.Equal(shown, Disclosure.Count(patients, DisclosureControl.SmallNumberSuppression));

    [Fact]
    public void Percentage_OfASuppressedCountOrTotal_IsSuppressed()
    {
        Assert.Null(Disclosure.Percentage(null, 100));
        Assert.Null(Disclosure.Percentage(10, null));
        Assert.Equal(33.3, Disclosure.Percentage(10, 30));
    }

    [Fact]
    public async Task DeprivationProfile_ForAnAnalyst_IsTheExactProfileUnderTheDisclosureRule()
    {
        const string query = "{ deprivationProfile(groupBy: PRACTICE) { patients byNationalQuintile { patients percentage } byLocalQuintile { patients } outsideLocalAuthority { patients } } }";
        var exact = Counts((await hub.AsAdmin().PostGraphQLAsync(query)).Json);
        var shown = Counts((await hub.AsAnalyst().PostGraphQLAsync(query)).Json);

        Assert.Equal(exact.Select(n => Disclosure.Count(n!.Value, DisclosureControl.SmallNumberSuppression)), shown);
        Assert.Contains(shown, n => n is null);
    }

    /// <summary>Every count in the profile, in document order.</summary>
    private static List<int?> Counts(System.Text.Json.JsonElement response) =>
    [
        .. response.GetProperty("data").GetProperty("deprivationProfile").EnumerateArray().SelectMany(g => new[] { g.GetProperty("patients") }
            .Concat(g.GetProperty("byNationalQuintile").EnumerateArray().Select(q => q.GetProperty("patients")))
            .Concat(g.GetProperty("byLocalQuintile").EnumerateArray().Select(q => q.GetProperty("patients")))
            .Append(g.GetProperty("outsideLocalAuthority").GetProperty("patients")))
            .Select(n => n.ValueKind == System.Text.Json.JsonValueKind.Null ? (int?)null : n.GetInt32()),
    ];
}
