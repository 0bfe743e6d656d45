using Phm.Api.Governance;

namespace Phm.Api.Tests.Transport;

/// <summary>
/// A document sent again skips parsing and the validation that depends on the document alone, but what depends on the caller, the
/// arguments or the variables is decided afresh for every request: a cached document never carries one caller's answer or
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

    private static string[] PcnsOf(GraphQLResponse response)
    {
        var items = response.Json.GetProperty("data").GetProperty("patients").GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        return [.. items.Select(item => item.GetProperty("practice").GetProperty("pcn").GetProperty("code").GetString()!).Distinct()];
    }
}
