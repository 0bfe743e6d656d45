using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Phm.Api.Cohorts;
using Phm.Api.Governance;
using Phm.Data.Governance;

namespace Phm.Api.Tests.Governance;

/// <summary>
/// Every query field against every kind of caller, through HTTP: allowed, or refused with UNAUTHENTICATED or FORBIDDEN.
/// A new root field must be added to <see cref="Fields"/> (and so decide who may use it), or <see cref="EveryRootField_IsInTheMatrixAndDeclaresItsRoles"/> fails.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class RoleMatrixTests(PhmApiFactory hub)
{
    private const string Allowed = "allowed";
    private const string Unauthenticated = UnauthenticatedError.ErrorCode;
    private const string Forbidden = ForbiddenError.ErrorCode;

    /// <summary>One query per root field; <c>$patientOfA</c> is a patient of <see cref="GovernanceTests.PcnA"/>.</summary>
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["pcns"] = "{ pcns { code } }",
        ["pcn"] = "{ pcn(code: \"U97340\") { code } }",
        ["practices"] = "{ practices { code } }",
        ["practice"] = "{ practice(code: \"J82040\") { code } }",
        ["lsoas"] = "{ lsoas { code } }",
        ["patients"] = "{ patients(first: 1) { totalCount } }",
        ["patient"] = "query($patientOfA: ID!) { patient(id: $patientOfA) { id } }",
        ["deprivationProfile"] = "{ deprivationProfile(groupBy: PCN) { patients } }",
        ["auditEvents"] = "{ auditEvents(first: 1) { edges { cursor } } }",
        ["riskModels"] = "{ riskModels { name } }",
        ["riskDistribution"] = "{ riskDistribution(model: \"mortality-12m\", groupBy: PCN) { patients } }",
        ["segmentation"] = "{ segmentation(by: [PCN]) { groups { patients } } }",
        ["inequality"] = "{ inequality(measure: { mortality: {} }, quintiles: NATIONAL) { overall { denominator } } }",
        ["evaluateCohort"] = "{ evaluateCohort(criteria: { alive: true }) { count } }",
        ["cityComparison"] = "{ cityComparison { members } }",
        ["cohorts"] = "{ cohorts { id } }",
        ["cohort"] = "{ cohort(id: \"bitterne-hiu-heart-failure\") { id } }",
        // Nothing is evaluated by 2000, so a caller who may ask is told so; the others are refused first.
        ["cohortChanges"] = "{ cohortChanges(id: \"bitterne-hiu-heart-failure\", since: \"2000-01-01T00:00:00Z\") { enteredCount } }",
    };

    /// <summary>Expected outcome for: no token, clinician of A, clinician of B, analyst, admin.</summary>
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["pcns"] = [Unauthenticated, Allowed, Allowed, Allowed, Allowed],
        ["pcn"] = [Unauthenticated, Allowed, Allowed, Allowed, Allowed],
        ["practices"] = [Unauthenticated, Allowed, Allowed, Allowed, Allowed],
        ["practice"] = [Unauthenticated, Allowed, Allowed, Allowed, Allowed],
        ["lsoas"] = [Unauthenticated, Allowed, Allowed, Allowed, Allowed],
        ["patients"] = [Unauthenticated, Allowed, Allowed, Forbidden, Forbidden],
        // Clinician B's refusal comes from the scope while executing (null + FORBIDDEN), the others' before running.
        ["patient"] = [Unauthenticated, Allowed, Forbidden, Forbidden, Forbidden],
        ["deprivationProfile"] = [Unauthenticated, Allowed, Allowed, Allowed, Allowed],
        ["auditEvents"] = [Unauthenticated, Forbidden, Forbidden, Forbidden, Allowed],
        ["riskModels"] = [Unauthenticated, Allowed, Allowed, Allowed, Allowed],
        ["riskDistribution"] = [Unauthenticated, Allowed, Allowed, Allowed, Allowed],
        ["segmentation"] = [Unauthenticated, Allowed, Allowed, Allowed, Allowed],
        ["inequality"] = [Unauthenticated, Allowed, Allowed, Allowed, Allowed],
        // Its members are for clinicians only (EvaluateCohortOverHttpTests).
        ["evaluateCohort"] = [Unauthenticated, Allowed, Allowed, Allowed, Allowed],
        // City comparators: every role, under analysts' disclosure control (CityComparatorsTests).
        ["cityComparison"] = [Unauthenticated, Allowed, Allowed, Allowed, Allowed],
        // Bitterne is PCN A's: clinicians of other PCNs are refused its cohorts (SavedCohortAccessTests, through every field).
        ["cohorts"] = [Unauthenticated, Allowed, Allowed, Allowed, Allowed],
        ["cohort"] = [Unauthenticated, Allowed, Forbidden, Allowed, Allowed],
        ["cohortChanges"] = [Unauthenticated, NoEvaluationSinceError.ErrorCode, Forbidden, NoEvaluationSinceError.ErrorCode, NoEvaluationSinceError.ErrorCode],
    };

    private static readonly string[] Callers = ["none", "clinicianOfA", "clinicianOfB", "analyst", "admin"];

    public static TheoryData<string, string, string> Matrix()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (field, outcomes) in Expected)
        {
            for (var i = 0; i < Callers.Length; i++)
                data.Add(field, Callers[i], outcomes[i]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task QueryField_ForEachCaller_IsAllowedOrRefusedWithItsCode(string field, string caller, string expected)
    {
        var variables = field == "patient" ? new { patientOfA = await GovernanceTests.FirstPatientIdOfAsync(hub, GovernanceTests.PcnA) } : null;
        var response = await hub.As(caller).PostGraphQLAsync(Fields[field], variables);

        if (expected == Allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Empty(response.ErrorCodes);
            Assert.NotEqual(System.Text.Json.JsonValueKind.Null, response.Json.GetProperty("data").GetProperty(field).ValueKind);
        }
        else
        {
            Assert.Equal([expected], response.ErrorCodes);
            // Refused fields give no data: never an empty list that reads as "no patients".
            Assert.True(!response.Json.TryGetProperty("data", out var data) || data.GetProperty(field).ValueKind == System.Text.Json.JsonValueKind.Null);
        }
    }

    [Fact]
    public void EveryRootField_IsInTheMatrixAndDeclaresItsRoles()
    {
        var schema = hub.Services.GetRequiredService<PhmSchema>();
        Assert.Equal(schema.Query.Fields.Select(f => f.Name).Order(StringComparer.Ordinal), Fields.Keys.Order(StringComparer.Ordinal));
        // Mutations change data, so they are not sent five times here; SavedCohortAccessTests sends them as each caller.
        Assert.All(schema.Query.Fields.Concat(schema.Mutation!.Fields), f => Assert.NotNull(f.AllowedRoles()));
    }

    [Theory]
    [InlineData("{ __typename }")]
    [InlineData("{ __schema { queryType { name } } }")]
    public async Task Introspection_WhereSwitchedOn_IsAnsweredWithoutAToken(string query)
    {
        await using var open = hub.WithSettings(PhmApiFactory.IntrospectionOn);

        var response = await PhmApiFactory.PostGraphQLAsync(open, new { query });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Empty(response.ErrorCodes);
    }

    /// <summary>Only where GET may carry a document at all (by default it may only name a registered one).</summary>
    [Fact]
    public async Task PatientsOverGet_WithoutAToken_AreUnauthenticated()
    {
        await using var getQueries = hub.WithSettings(("Phm:GraphQL:AllowGetQueries", "true"));
        using var client = getQueries.CreateClient();
        using var response = await client.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ patients { totalCount } }"));

        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Unauthenticated, body.ErrorCodes()[0]);
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Request_WithATokenSignedByAnotherKey_IsUnauthenticated()
    {
        var otherKey = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[32]);
        var forged = new LocalTokenIssuer(otherKey, TimeProvider.System).Issue("forger", PhmRoles.Admin, null, TimeSpan.FromMinutes(5));

        var response = await new HubCaller(hub, forged).PostGraphQLAsync("{ pcns { code } }");

        Assert.Equal([Unauthenticated], response.ErrorCodes);
    }
}
