using System.Net;

namespace Phm.Api.Tests.Hardening;

/// <summary>
/// <c>Phm:GraphQL:Introspection</c>, off by default outside Development, hides the schema: no introspection, and no type names or
/// suggestions in errors that would spell it out.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class IntrospectionSwitchTests(PhmApiFactory hub)
{
    /// <summary>Limits apply to every caller; a clinician may read patient-level data, so each document gets as far as the limits.</summary>
    private HubCaller Clinician => hub.AsClinician(GovernanceTests.PcnA);

    private const string MisspeltField = "{ pcns { cod } }";

    [Theory]
    [InlineData("{ __schema { types { name } } }")]
    [InlineData("""{ __type(name: "Patient") { fields { name } } }""")]
    public async Task Introspection_WhenSwitchedOff_IsRefused(string query)
    {
        await using var hidden = hub.WithSettings(("Phm:GraphQL:Introspection", "false"));

        var response = await PhmApiFactory.PostGraphQLAsync(hidden, new { query }, Clinician.BearerToken);

        Assert.Equal((HttpStatusCode.BadRequest, "NO_INTROSPECTION"), (response.Status, response.ErrorCodes[0]));
    }

    /// <summary>GraphiQL sends graphql-js's full introspection query (nine nested ofType) on load; no limit may refuse it.</summary>
    [Fact]
    public async Task GraphiQLsIntrospectionQuery_WhenSwitchedOn_RunsWithinEveryLimit()
    {
        var query = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Hardening", "IntrospectionQuery.graphql"));
        await using var open = hub.WithSettings(PhmApiFactory.IntrospectionOn);

        var response = await PhmApiFactory.PostGraphQLAsync(open, new { query }, Clinician.BearerToken);

        Assert.True(response.Status == HttpStatusCode.OK && !response.Json.TryGetProperty("errors", out _), response.Body[..Math.Min(response.Body.Length, 500)]);
    }

    [Fact]
    public async Task Typename_WhenIntrospectionIsOff_StillAnswers()
    {
        await using var hidden = hub.WithSettings(("Phm:GraphQL:Introspection", "false"));

        var response = await PhmApiFactory.PostGraphQLAsync(hidden, new { query = "{ __typename }" }, Clinician.BearerToken);

        Assert.Equal("""{"data":{"__typename":"Query"}}""", response.Body);
    }

    [Fact]
    public async Task Suggestions_WhenIntrospectionIsOn_NameTheNearestField()
    {
        await using var open = hub.WithSettings(PhmApiFactory.IntrospectionOn);

        var response = await PhmApiFactory.PostGraphQLAsync(open, new { query = MisspeltField }, Clinician.BearerToken);

        Assert.Equal("Cannot query field 'cod' on type 'Pcn'. Did you mean 'code'?", response.ErrorMessage);
    }

    [Fact]
    public async Task Errors_WhenIntrospectionIsOff_NameNeitherTypeNorSuggestion()
    {
        await using var hidden = hub.WithSettings(("Phm:GraphQL:Introspection", "false"));

        var response = await PhmApiFactory.PostGraphQLAsync(hidden, new { query = MisspeltField }, Clinician.BearerToken);

        Assert.Equal("Cannot query field 'cod'.", response.ErrorMessage);
    }
}
