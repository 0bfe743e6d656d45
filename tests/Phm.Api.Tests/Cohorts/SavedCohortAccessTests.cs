using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Phm.Api.Cohorts;
using Phm.Api.Governance;
using Phm.Data.Cohorts;

namespace Phm.Api.Tests.Cohorts;

/// <summary>
/// Who sees and changes which saved cohorts, through every field, on the real hub with its built-in One Team cohorts: a clinician
/// only their own PCN's (clinicianOfA is of Bitterne), analysts every cohort as aggregates, administrators every cohort.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class SavedCohortAccessTests(PhmApiFactory hub)
{
    private const string OtherPcnsCohort = "central-proactive-case-management";
    private const string Criteria = "{ alive: true }";

    public static TheoryData<string> EveryFieldOnAnotherPcnsCohort => new()
    {
        $$"""{ cohort(id: "{{OtherPcnsCohort}}") { id } }""",
        $$"""{ cohort(id: "{{OtherPcnsCohort}}", version: 1) { evaluate { count } } }""",
        $$"""{ cohortChanges(id: "{{OtherPcnsCohort}}", since: "2030-01-01T00:00:00Z") { enteredCount } }""",
        $$"""mutation { evaluateSavedCohort(id: "{{OtherPcnsCohort}}") { count } }""",
        $$"""mutation { reviseCohort(id: "{{OtherPcnsCohort}}", input: { name: "mine", criteria: {{Criteria}} }) { id } }""",
        $$"""mutation { retireCohort(id: "{{OtherPcnsCohort}}") { id } }""",
        $$"""mutation { saveCohort(input: { name: "theirs", criteria: {{Criteria}}, pcn: "{{GovernanceTests.PcnB}}" }) { id } }""",
    };

    [Theory]
    [MemberData(nameof(EveryFieldOnAnotherPcnsCohort))]
    public async Task AClinician_IsForbidden_AnotherPcnsCohort_ThroughEveryField(string request)
    {
        var response = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(request);

        Assert.Equal([ForbiddenError.ErrorCode], response.ErrorCodes);
        Assert.False(response.Json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && data.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.Null));
    }

    [Fact]
    public async Task AClinician_SavingOrRevisingCriteriaThatNameAnotherPcn_IsForbidden_NamingThePath()
    {
        var clinician = hub.AsClinician(GovernanceTests.PcnA);
        var id = (await clinician.PostGraphQLAsync("""mutation { saveCohort(input: { name: "Access: revised to theirs", criteria: { alive: true } }) { id } }"""))
            .Json.GetProperty("data").GetProperty("saveCohort").GetProperty("id").GetString();

        var saved = await clinician.PostGraphQLAsync($$"""mutation { saveCohort(input: { name: "Access: theirs by criteria", criteria: { all: [{ alive: true }, { pcn: "{{GovernanceTests.PcnB}}" }] } }) { id } }""");
        var revised = await clinician.PostGraphQLAsync($$"""mutation($id: ID!) { reviseCohort(id: $id, input: { name: "mine", criteria: { pcn: "{{GovernanceTests.PcnB}}" } }) { id } }""", new { id });

        Assert.Equal([ForbiddenError.ErrorCode], saved.ErrorCodes);
        Assert.Equal([ForbiddenError.ErrorCode], revised.ErrorCodes);
        Assert.Contains("input.criteria.all[1].pcn", saved.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("input.criteria.pcn", revised.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetireCohort_InTheHub_RetiresTheCohort_SoItCanNoLongerBeRevised()
    {
        var clinician = hub.AsClinician(GovernanceTests.PcnA);
        var id = (await clinician.PostGraphQLAsync("""mutation { saveCohort(input: { name: "Access: retired", criteria: { alive: true } }) { id } }"""))
            .Json.GetProperty("data").GetProperty("saveCohort").GetProperty("id").GetString();

        var retired = await clinician.PostGraphQLAsync("""mutation($id: ID!) { retireCohort(id: $id) { retiredAt } }""", new { id });
        var read = await clinician.PostGraphQLAsync("""query($id: ID!) { cohort(id: $id) { retiredAt } }""", new { id });
        var revised = await clinician.PostGraphQLAsync("""mutation($id: ID!) { reviseCohort(id: $id, input: { name: "again", criteria: { alive: true } }) { version } }""", new { id });

        Assert.NotEqual(JsonValueKind.Null, retired.Json.GetProperty("data").GetProperty("retireCohort").GetProperty("retiredAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, read.Json.GetProperty("data").GetProperty("cohort").GetProperty("retiredAt").ValueKind);
        Assert.Equal([CohortRetiredError.ErrorCode], revised.ErrorCodes);
    }

    [Fact]
    public async Task AClinician_FilteringTheirCohortByAnotherPcnsPractice_IsForbidden_NamingThePath()
    {
        var practiceOfB = (await hub.AsAnalyst().PostGraphQLAsync($$"""{ pcn(code: "{{GovernanceTests.PcnB}}") { practices { code } } }"""))
            .Json.GetProperty("data").GetProperty("pcn").GetProperty("practices")[0].GetProperty("code").GetString();

        var response = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(
            """query($practice: String!) { cohort(id: "bitterne-hiu-heart-failure") { evaluate(filter: { practice: $practice }) { count } } }""", new { practice = practiceOfB });

        Assert.Equal([ForbiddenError.ErrorCode], response.ErrorCodes);
        Assert.Contains("filter.practice", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClinician_IsToldTheSame_ForAnotherPcnsCohort_AndForNoCohortAtAll()
    {
        var other = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync($$"""{ cohort(id: "{{OtherPcnsCohort}}") { id } }""");
        var none = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync("""{ cohort(id: "no-such-cohort") { id } }""");

        Assert.Equal(other.ErrorMessage, none.ErrorMessage);
    }

    [Fact]
    public async Task AClinician_ListsTheirPcnsCohortsOnly()
    {
        var mine = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync("""mutation { saveCohort(input: { name: "Access: ours", criteria: { alive: true } }) { id } }""");
        await hub.AsClinician(GovernanceTests.PcnB).PostGraphQLAsync("""mutation { saveCohort(input: { name: "Access: theirs", criteria: { alive: true } }) { id } }""");

        var listed = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync("{ cohorts { id pcn { code } } }");

        var cohorts = listed.Json.GetProperty("data").GetProperty("cohorts");
        Assert.All(cohorts.EnumerateArray(), c => Assert.Equal(GovernanceTests.PcnA, c.GetProperty("pcn").GetProperty("code").GetString()));
        Assert.Contains(mine.Json.GetProperty("data").GetProperty("saveCohort").GetProperty("id").GetString(), cohorts.Strings("id"));
        Assert.Contains("bitterne-hiu-heart-failure", cohorts.Strings("id"));
        Assert.DoesNotContain("access-theirs", cohorts.Strings("id"));
    }

    [Theory]
    [InlineData("analyst")]
    [InlineData("admin")]
    public async Task AnalystsAndAdministrators_SeeEveryCohort_ButNoMembers(string caller)
    {
        await hub.AsClinician(GovernanceTests.PcnB).PostGraphQLAsync("""mutation { saveCohort(input: { name: "Access: West's own", criteria: { alive: true } }) { id } }""");

        var listed = await hub.As(caller).PostGraphQLAsync("{ cohorts { id } }");
        var members = await hub.As(caller).PostGraphQLAsync("""{ cohort(id: "bitterne-hiu-heart-failure") { evaluate { members { edges { node { patient { id } } } } } } }""");

        var ids = listed.Json.GetProperty("data").GetProperty("cohorts").Strings("id");
        Assert.Superset(OneTeamCohorts.Defaults.Select(d => d.Key).ToHashSet(), ids.ToHashSet());
        Assert.Contains("access-west-s-own", ids);
        Assert.Equal([ForbiddenError.ErrorCode], members.ErrorCodes);
    }

    [Fact]
    public async Task AnAnalysts_Counts_AreUnderDisclosureControl_AnAdministratorsExact()
    {
        const string Count = $$"""{ cohort(id: "{{OtherPcnsCohort}}") { evaluate { count } } }""";

        var exact = (await hub.AsAdmin().PostGraphQLAsync(Count)).Json.GetProperty("data").GetProperty("cohort").GetProperty("evaluate").GetProperty("count");
        var shown = (await hub.AsAnalyst().PostGraphQLAsync(Count)).Json.GetProperty("data").GetProperty("cohort").GetProperty("evaluate").GetProperty("count");

        Assert.Equal(Disclosure.Count(exact.GetInt32(), DisclosureControl.SmallNumberSuppression), shown.ValueKind == JsonValueKind.Null ? null : shown.GetInt32());
    }

    [Fact]
    public async Task AClinician_ReadsTheMembersOfTheirPcnsCohort_OnlyTheirPatients_AuditedWithTheCohortId()
    {
        var clinician = hub.AsClinician(GovernanceTests.PcnB, subject: "cohort-members-reader");
        var response = await clinician.PostGraphQLAsync("""
            query WestCaseManagement {
              cohort(id: "west-proactive-case-management") { definitionId evaluate { count members(first: 500) { totalCount edges { node { patient { id } } } } } }
              patients(first: 500, filter: { alive: true, risk: { model: "emergency-admission-12m", tiers: [VERY_HIGH] } }) { edges { node { id } } }
            }
            """);

        var cohort = response.Json.GetProperty("data").GetProperty("cohort");
        var members = cohort.GetProperty("evaluate").GetProperty("members").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("patient").GetProperty("id").GetString()).ToList();
        var sameByFilter = response.Json.GetProperty("data").GetProperty("patients").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()).ToList();
        Assert.NotEmpty(members);
        Assert.Equal(sameByFilter, members);
        Assert.Equal(members.Count, cohort.GetProperty("evaluate").GetProperty("count").GetInt32());
        await hub.FlushAuditAsync();
        var audit = await hub.AsAdmin().PostGraphQLAsync("{ auditEvents(first: 500) { edges { node { subject field patientsReturned cohortId } } } }");
        var memberReads = audit.Json.GetProperty("data").GetProperty("auditEvents").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node"))
            .Where(e => e.GetProperty("subject").GetString() == "cohort-members-reader" && e.GetProperty("field").GetString() == "members").ToList();
        var read = Assert.Single(memberReads);
        Assert.Equal((members.Count, cohort.GetProperty("definitionId").GetInt32()), (read.GetProperty("patientsReturned").GetInt32(), read.GetProperty("cohortId").GetInt32()));
    }

    [Fact]
    public async Task AMutation_OverGet_IsRefused_EvenWhereGetMayCarryADocument()
    {
        await using var getQueries = hub.WithSettings(("Phm:GraphQL:AllowGetQueries", "true"));
        using var client = getQueries.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("""mutation { retireCohort(id: "bitterne-hiu-heart-failure") { id } }"""));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", hub.AsAdmin().BearerToken);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var still = await hub.AsAdmin().PostGraphQLAsync("""{ cohort(id: "bitterne-hiu-heart-failure") { retiredAt } }""");
        Assert.Equal(JsonValueKind.Null, still.Json.GetProperty("data").GetProperty("cohort").GetProperty("retiredAt").ValueKind);
    }

    [Fact]
    public async Task Anonymous_Callers_AreRefused_EveryCohortField()
    {
        var query = await hub.Anonymous().PostGraphQLAsync("{ cohorts { id } }");
        var mutation = await hub.Anonymous().PostGraphQLAsync("""mutation { retireCohort(id: "bitterne-hiu-heart-failure") { id } }""");
        var noSuchCohort = await hub.Anonymous().PostGraphQLAsync("""{ cohort(id: "no-such-cohort") { id } }""");

        Assert.Equal([UnauthenticatedError.ErrorCode], query.ErrorCodes);
        Assert.Equal([UnauthenticatedError.ErrorCode], mutation.ErrorCodes);
        Assert.Equal([UnauthenticatedError.ErrorCode], noSuchCohort.ErrorCodes);   // not told whether the id exists
    }
}
