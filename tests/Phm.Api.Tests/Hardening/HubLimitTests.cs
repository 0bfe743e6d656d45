using System.Net;

namespace Phm.Api.Tests.Hardening;

/// <summary>Documents that parse but would cost too much are refused by the complexity analyzer, naming the limit, before anything runs.</summary>
[Collection(HubCollection.Name)]
public sealed class HubLimitTests(PhmApiFactory hub)
{
    /// <summary>Limits apply to every caller; a clinician may read patient-level data, so each document gets as far as the limits.</summary>
    private HubCaller Clinician => hub.AsClinician(GovernanceTests.PcnA);

    [Fact]
    public async Task DepthBomb_BeyondTheMaximumDepth_IsRefusedNamingTheLimit()
    {
        // 16 levels through PCNs and their practices: within the lexical nesting limit, beyond the analyzer's depth of 15.
        var query = "{ " + string.Concat(Enumerable.Repeat("practices { pcn { ", 8)) + "code" + new string('}', 16) + " }";

        var response = await Clinician.PostGraphQLAsync(query);

        Assert.Equal((HttpStatusCode.BadRequest, "COMPLEXITY"), (response.Status, response.ErrorCodes[0]));
        Assert.Contains("depth", response.ErrorMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ComplexityBomb_OfFullPagesWithNestedLists_IsRefusedNamingTheLimit()
    {
        var page = "patients(first: 500) { edges { node { id conditions { register onsetDate } activity { kind date } practice { pcn { practices { code } } } } } }";
        var query = "{ " + string.Concat(Enumerable.Range(0, 5).Select(i => $"p{i}: {page} ")) + "}";

        var response = await Clinician.PostGraphQLAsync(query);

        Assert.Equal(
            """{"errors":[{"message":"Query is too complex to execute. Complexity is 142510; maximum allowed on this endpoint is 50000.","extensions":{"code":"COMPLEXITY","codes":["COMPLEXITY"]}}]}""",
            response.Body);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task Page_OfAHundredThousandPatients_IsRefusedForItsSizeAndItsComplexityBeforeRunning()
    {
        var response = await Clinician.PostGraphQLAsync("{ patients(first: 100000) { edges { node { id } } } }");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.False(response.Json.TryGetProperty("data", out _));
        Assert.Equal(
            ["COMPLEXITY", "PAGE_SIZE_OUT_OF_RANGE"],
            response.Json.GetProperty("errors").EnumerateArray().Select(error => error.GetProperty("extensions").GetProperty("code").GetString()).Order());
    }

    /// <summary>Each field costs 1 per row above it: a page's rows are its <c>first</c>, or the default page of 50 when it is left out; other lists count 10; introspection next to nothing.</summary>
    [Theory]
    [InlineData("{ patients(first: 50) { edges { node { id } } } }", 102)]
    [InlineData("{ patients { edges { node { id } } } }", 102)]
    [InlineData("{ patients(first: 500) { edges { node { id } } } }", 1002)]
    [InlineData("{ practices { code pcn { practices { code } } } }", 131)]
    [InlineData("{ __schema { types { name fields { name } } } }", 1)]
    public async Task Complexity_CountsRowsByPageSize(string query, int complexity)
    {
        await using var strict = hub.WithSettings(("Phm:GraphQL:MaxComplexity", "-1"), PhmApiFactory.IntrospectionOn);

        var response = await PhmApiFactory.PostGraphQLAsync(strict, new { query }, Clinician.BearerToken);

        Assert.Equal($"Query is too complex to execute. Complexity is {complexity}; maximum allowed on this endpoint is -1.", response.ErrorMessage);
    }

    [Fact]
    public async Task Page_OfTheMaximumSize_Runs()
    {
        var response = await Clinician.PostGraphQLAsync("{ patients(first: 500) { edges { node { id age conditions { register } } } } }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }
}
