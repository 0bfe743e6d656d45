using Phm.Api.Governance;
using Phm.Api.Practices;

namespace Phm.Api.Tests.Transport;

/// <summary>
/// A document sent again skips parsing and the validation that depends on the document alone, but what depends on the caller, the
/// arguments or the variables is decided afresh for every request, or taken from a pass kept for the same role, PCN and variables
/// (and store build: <see cref="ValidatedDocumentCacheStoreTests"/>): a cached document never carries one caller's answer or
/// permission to another.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class ValidatedDocumentCacheTests(PhmApiFactory hub)
{
    [Fact]
    public async Task SameDocument_ForAClinicianOfAThenOfB_GivesEachOnlyTheirOwnPcnsPatients()
    {
        const string query = "{ patients(first: 500) { totalCount items { practice { pcn { code } } } } }";

        var ofA = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(query);
        var ofB = await hub.AsClinician(GovernanceTests.PcnB).PostGraphQLAsync(query);

        Assert.Equal([GovernanceTests.PcnA], PcnsOf(ofA));
        Assert.Equal([GovernanceTests.PcnB], PcnsOf(ofB));
    }

    [Fact]
    public async Task SameDocument_NamingPcnA_IsForbiddenToAClinicianOfB_AfterAClinicianOfARanIt()
    {
        var query = $$"""{ patients(first: 1, filter: { pcn: "{{GovernanceTests.PcnA}}" }) { totalCount } }""";

        var ofA = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(query);
        var ofB = await hub.AsClinician(GovernanceTests.PcnB).PostGraphQLAsync(query);

        Assert.Empty(ofA.ErrorCodes);
        Assert.Equal([ForbiddenError.ErrorCode], ofB.ErrorCodes);
        Assert.False(ofB.Json.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task SameDocument_OfPatientLevelFields_IsForbiddenToAnAnalystAndUnauthenticatedWithoutAToken_AfterAClinicianRanIt()
    {
        const string query = "{ patients(first: 2) { items { id } } }";

        var clinician = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(query);
        var analyst = await hub.AsAnalyst().PostGraphQLAsync(query);
        var anonymous = await hub.Anonymous().PostGraphQLAsync(query);

        Assert.Empty(clinician.ErrorCodes);
        Assert.Equal([ForbiddenError.ErrorCode], analyst.ErrorCodes);
        Assert.Equal([UnauthenticatedError.ErrorCode], anonymous.ErrorCodes);
    }

    [Fact]
    public async Task SameDocument_WithVariablesThatMakeItTooComplex_IsRefused_AfterItRanWithinTheLimit()
    {
        await using var strict = hub.WithSettings(("Phm:GraphQL:MaxComplexity", "1000"));
        var token = hub.AsClinician(GovernanceTests.PcnA).BearerToken;
        const string query = "query($first: Int) { patients(first: $first) { items { id conditions { register } } } }";

        var small = await PhmApiFactory.PostGraphQLAsync(strict, new { query, variables = new { first = 5 } }, token);
        var large = await PhmApiFactory.PostGraphQLAsync(strict, new { query, variables = new { first = 400 } }, token);

        Assert.Empty(small.ErrorCodes);
        Assert.Equal(["COMPLEXITY"], large.ErrorCodes);
    }

    [Fact]
    public async Task SameDocument_NamingAPracticeOfPcnA_IsForbiddenToAClinicianOfB_AfterItsPassWasKeptForAClinicianOfA()
    {
        var practice = await FirstPracticeOfAsync(GovernanceTests.PcnA);
        var query = $$"""{ patients(first: 1, filter: { practice: "{{practice}}" }) { edges { node { id } } } }""";
        var clinicianOfA = hub.AsClinician(GovernanceTests.PcnA);

        // The second request keeps its pass; the third is answered from it.
        var ofA = new[] { await clinicianOfA.PostGraphQLAsync(query), await clinicianOfA.PostGraphQLAsync(query), await clinicianOfA.PostGraphQLAsync(query) };
        var ofB = await hub.AsClinician(GovernanceTests.PcnB).PostGraphQLAsync(query);

        Assert.All(ofA, response => Assert.Empty(response.ErrorCodes));
        Assert.Equal([ForbiddenError.ErrorCode], ofB.ErrorCodes);
        Assert.False(ofB.Json.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task SameDocument_WithVariablesNamingAnotherPcnsPracticeOrNone_IsRefused_AfterItsPassWasKeptForOwnPractice()
    {
        var own = await FirstPracticeOfAsync(GovernanceTests.PcnA);
        var other = await FirstPracticeOfAsync(GovernanceTests.PcnB);
        const string query = "query($practice: String) { patients(first: 1, filter: { practice: $practice }) { edges { node { id } } } }";
        var clinician = hub.AsClinician(GovernanceTests.PcnA);

        var ownPages = new[]
        {
            await clinician.PostGraphQLAsync(query, new { practice = own }),
            await clinician.PostGraphQLAsync(query, new { practice = own }),
            await clinician.PostGraphQLAsync(query, new { practice = own }),
        };
        var otherPage = await clinician.PostGraphQLAsync(query, new { practice = other });
        var nonePage = await clinician.PostGraphQLAsync(query, new { practice = "X99999" });

        Assert.All(ownPages, response => Assert.Empty(response.ErrorCodes));
        Assert.Equal([ForbiddenError.ErrorCode], otherPage.ErrorCodes);
        Assert.Equal([PracticeNotFoundError.ErrorCode], nonePage.ErrorCodes);
    }

    /// <summary>A kept pass hands its request's parsed arguments to the next request with its key, never to one with other variables.</summary>
    [Fact]
    public async Task SameDocument_WithVariablesNamingTwoPracticesInTurn_AnswersEachWithItsOwnPractice_AfterBothPassesWereKept()
    {
        var practices = await PracticesOfAsync(GovernanceTests.PcnA);
        const string query = "query($practice: String) { patients(first: 3, filter: { practice: $practice }) { edges { node { practice { code } } } } }";
        var clinician = hub.AsClinician(GovernanceTests.PcnA);

        foreach (var practice in new[] { practices[0], practices[0], practices[0], practices[1], practices[1], practices[1], practices[0], practices[1] })
        {
            var response = await clinician.PostGraphQLAsync(query, new { practice });

            Assert.Empty(response.ErrorCodes);
            var edges = response.Json.GetProperty("data").GetProperty("patients").GetProperty("edges").EnumerateArray().ToList();
            Assert.NotEmpty(edges);
            Assert.All(edges, edge => Assert.Equal(practice, edge.GetProperty("node").GetProperty("practice").GetProperty("code").GetString()));
        }
    }

    private async Task<string> FirstPracticeOfAsync(string pcn) => (await PracticesOfAsync(pcn))[0];

    private async Task<string[]> PracticesOfAsync(string pcn)
    {
        var response = await hub.AsAnalyst().PostGraphQLAsync($$"""{ pcn(code: "{{pcn}}") { practices { code } } }""");
        return [.. response.Json.GetProperty("data").GetProperty("pcn").GetProperty("practices").Strings("code")];
    }

    private static string[] PcnsOf(GraphQLResponse response)
    {
        var items = response.Json.GetProperty("data").GetProperty("patients").GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        return [.. items.Select(item => item.GetProperty("practice").GetProperty("pcn").GetProperty("code").GetString()!).Distinct()];
    }
}
