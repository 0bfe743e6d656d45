using System.Net;
using System.Text.Json;
using Phm.Api.Cohorts;
using Phm.Api.Governance;

namespace Phm.Api.Tests.Cohorts;

/// <summary>evaluateCohort end to end over HTTP on the generated population: PCN scope, who sees what, the audit trail.</summary>
[Collection(HubCollection.Name)]
public sealed class EvaluateCohortOverHttpTests(PhmApiFactory hub)
{
    private const string OlderWithHypertension = "{ all: [{ register: { register: HYPERTENSION } }, { age: { atLeast: 65 } }] }";

    [Fact]
    public async Task AClinician_CountsAndListsOnlyTheirPcnsMembers_AsThePatientsFilterDoes()
    {
        var cohort = (await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(
                $"{{ evaluateCohort(criteria: {OlderWithHypertension}) {{ count members(first: 500) {{ items {{ patient {{ id practice {{ pcn {{ code }} }} }} }} }} }} }}"))
            .Json.GetProperty("data").GetProperty("evaluateCohort");
        var patients = (await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(
                "{ patients(first: 500, filter: { registers: [HYPERTENSION], ageFrom: 65 }) { totalCount items { id } } }"))
            .Json.GetProperty("data").GetProperty("patients");

        var members = cohort.GetProperty("members").GetProperty("items").EnumerateArray().ToList();
        Assert.InRange(cohort.GetProperty("count").GetInt32(), 10, 499);
        Assert.Equal(patients.GetProperty("totalCount").GetInt32(), cohort.GetProperty("count").GetInt32());
        Assert.Equal(patients.GetProperty("items").Strings("id"), members.Select(m => m.GetProperty("patient").GetProperty("id").GetString()!));
        Assert.All(members, m => Assert.Equal(GovernanceTests.PcnA, m.GetProperty("patient").GetProperty("practice").GetProperty("pcn").GetProperty("code").GetString()));
    }

    [Theory]
    [InlineData("AMBULATORY_CARE_SENSITIVE_ADMISSIONS")]
    [InlineData("TOP_RISK_WITHOUT_CARE_PLAN")]
    [InlineData("FREQUENT_URGENT_CARE_WITHOUT_REVIEW")]
    [InlineData("LAST_YEAR_OF_LIFE_WITHOUT_END_OF_LIFE_REGISTER")]
    public async Task AnImpactabilitySignal_SelectsThePatientsItHoldsFor_WithItsWordsAsWhy(string signal)
    {
        const string Fields = "count members(first: 500) { items { patient { id impactability { signal words } } why { text held } } }";
        var clinician = hub.AsClinician(GovernanceTests.PcnA);
        var holding = (await clinician.PostGraphQLAsync($"{{ evaluateCohort(criteria: {{ impactability: {signal} }}) {{ {Fields} }} }}"))
            .Json.GetProperty("data").GetProperty("evaluateCohort");
        var others = (await clinician.PostGraphQLAsync($"{{ evaluateCohort(criteria: {{ all: [{{ alive: true }}, {{ not: {{ impactability: {signal} }} }}] }}) {{ {Fields} }} }}"))
            .Json.GetProperty("data").GetProperty("evaluateCohort");

        static List<JsonElement> Members(JsonElement evaluation) => [.. evaluation.GetProperty("members").GetProperty("items").EnumerateArray()];
        static JsonElement? SignalOf(JsonElement member, string signal) =>
            member.GetProperty("patient").GetProperty("impactability").EnumerateArray().Where(i => i.GetProperty("signal").GetString() == signal).Select(i => (JsonElement?)i).FirstOrDefault();
        Assert.NotEmpty(Members(others));
        Assert.All(Members(holding), m =>
        {
            var words = SignalOf(m, signal)?.GetProperty("words").GetString();
            Assert.NotNull(words);
            var why = Assert.Single(m.GetProperty("why").EnumerateArray());
            Assert.True(why.GetProperty("held").GetBoolean());
            Assert.Contains(words, why.GetProperty("text").GetString(), StringComparison.Ordinal);
        });
        Assert.All(Members(others), m => Assert.Null(SignalOf(m, signal)));
    }

    [Fact]
    public async Task MembersInImpactabilityOrder_ComeMostSignalsFirst_AndPageOnByCursor()
    {
        const string Criteria = "{ alive: true }";
        var clinician = hub.AsClinician(GovernanceTests.PcnA);
        async Task<JsonElement> PageAsync(int first, string? after) =>
            (await clinician.PostGraphQLAsync($$"""{ evaluateCohort(criteria: {{Criteria}}) { members(first: {{first}}, orderBy: IMPACTABILITY_DESC{{(after is null ? "" : $", after: \"{after}\"")}}) { pageInfo { hasNextPage endCursor } items { patient { id impactability { signal } } } } } }"""))
            .Json.GetProperty("data").GetProperty("evaluateCohort").GetProperty("members");
        static List<(string Id, int Signals)> Items(JsonElement page) =>
            [.. page.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("patient").GetProperty("id").GetString()!, i.GetProperty("patient").GetProperty("impactability").GetArrayLength()))];

        var whole = Items(await PageAsync(60, null));
        var first = await PageAsync(30, null);
        var second = await PageAsync(30, first.GetProperty("pageInfo").GetProperty("endCursor").GetString());

        Assert.Equal(60, whole.Count);
        Assert.True(whole[0].Signals > 0, "the first member has at least one signal");
        Assert.Equal(whole.OrderByDescending(m => m.Signals).ThenBy(m => m.Id, StringComparer.Ordinal), whole);
        Assert.Equal(whole, [.. Items(first), .. Items(second)]);
    }

    [Fact]
    public async Task TheImpactabilitySignals_FindSomeoneInAPcn()
    {
        var count = await CountAsync(hub.AsClinician(GovernanceTests.PcnA),
            "{ evaluateCohort(criteria: { any: [{ impactability: AMBULATORY_CARE_SENSITIVE_ADMISSIONS }, { impactability: TOP_RISK_WITHOUT_CARE_PLAN }, "
            + "{ impactability: FREQUENT_URGENT_CARE_WITHOUT_REVIEW }, { impactability: LAST_YEAR_OF_LIFE_WITHOUT_END_OF_LIFE_REGISTER }] }) { count } }");

        Assert.True(count > 0);
    }

    [Fact]
    public async Task TwoClinicians_CountDisjointPartsOfWhatAnAdministratorCounts()
    {
        var query = $"{{ evaluateCohort(criteria: {OlderWithHypertension}) {{ count }} }}";

        var ofA = await CountAsync(hub.AsClinician(GovernanceTests.PcnA), query);
        var ofB = await CountAsync(hub.AsClinician(GovernanceTests.PcnB), query);
        var all = await CountAsync(hub.AsAdmin(), query);

        Assert.True(ofA > 0 && ofB > 0 && ofA + ofB <= all, $"{ofA} + {ofB} of {all}");
    }

    [Fact]
    public async Task AClinician_NamingAnotherPcnOrOneOfItsPractices_AnywhereInTheTree_IsForbidden()
    {
        var practiceOfB = (await hub.AsAdmin().PostGraphQLAsync($"{{ pcn(code: \"{GovernanceTests.PcnB}\") {{ practices {{ code }} }} }}"))
            .Json.GetProperty("data").GetProperty("pcn").GetProperty("practices")[0].GetProperty("code").GetString();

        var byPcn = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(
            $"{{ evaluateCohort(criteria: {{ any: [{{ alive: false }}, {{ pcn: \"{GovernanceTests.PcnB}\" }}] }}) {{ count }} }}");
        var byPractice = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(
            $"{{ evaluateCohort(criteria: {{ all: [{{ alive: true }}, {{ not: {{ practice: \"{practiceOfB}\" }} }}] }}) {{ count }} }}");

        Assert.Equal([ForbiddenError.ErrorCode], byPcn.ErrorCodes);
        Assert.Equal($"Argument 'criteria.any[1].pcn': your token gives access to the patients of PCN {GovernanceTests.PcnA} only.", byPcn.ErrorMessage);
        Assert.Equal([ForbiddenError.ErrorCode], byPractice.ErrorCodes);
        Assert.StartsWith("Argument 'criteria.all[1].not.practice': ", byPractice.ErrorMessage, StringComparison.Ordinal);
        Assert.False(byPcn.Json.TryGetProperty("data", out _));
    }

    [Theory]
    [InlineData("analyst")]
    [InlineData("admin")]
    public async Task AnalystsAndAdministrators_AreRefusedTheMembers(string caller)
    {
        var response = await hub.As(caller).PostGraphQLAsync("{ evaluateCohort(criteria: { alive: true }) { count members { totalCount } } }");

        Assert.Equal([ForbiddenError.ErrorCode], response.ErrorCodes);
        Assert.Equal("Field 'members' is for the roles clinician.", response.ErrorMessage);
        Assert.False(response.Json.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task AnAnalyst_GetsTheCountUnderDisclosureControl_AndASmallCountSuppressedWithTheReason()
    {
        const string Large = "{ evaluateCohort(criteria: { register: { register: DIABETES } }) { count countSuppression } }";
        var exact = await CountAsync(hub.AsAdmin(), Large);
        var large = (await hub.AsAnalyst().PostGraphQLAsync(Large)).Json.GetProperty("data").GetProperty("evaluateCohort");
        // Perturbed by the cell key (at most 2 either way), then rounded to 5: never more than 5 from the truth, never exact by rule.
        var shown = large.GetProperty("count").GetInt32();
        Assert.InRange(shown, exact - 5, exact + 5);
        Assert.Equal(0, shown % Disclosure.RoundingBase);
        Assert.Equal(JsonValueKind.Null, large.GetProperty("countSuppression").ValueKind);

        // One patient's LSOA, sex and year of birth: a cohort of a few.
        var patient = (await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync("{ patients(first: 1) { items { age sex lsoa { code } } } }"))
            .Json.GetProperty("data").GetProperty("patients").GetProperty("items")[0];
        var small = $$"""{ evaluateCohort(criteria: { all: [{ lsoa: "{{patient.GetProperty("lsoa").GetProperty("code").GetString()}}" }, { sex: {{patient.GetProperty("sex").GetString()}} }, { age: { atLeast: {{patient.GetProperty("age").GetInt32()}}, atMost: {{patient.GetProperty("age").GetInt32()}} } }] }) { count countSuppression } }""";
        Assert.InRange(await CountAsync(hub.AsAdmin(), small), 1, Disclosure.LargestSuppressedCount);

        var suppressed = (await hub.AsAnalyst().PostGraphQLAsync(small)).Json.GetProperty("data").GetProperty("evaluateCohort");

        Assert.Equal(JsonValueKind.Null, suppressed.GetProperty("count").ValueKind);
        Assert.Equal("SMALL_COUNT", suppressed.GetProperty("countSuppression").GetString());
    }

    [Fact]
    public async Task EveryPageOfMembersRead_IsAudited_AndACountAlone_IsNot()
    {
        const string Members = "query Worklist { evaluateCohort(criteria: { register: { register: COPD } }) { members(first: 7) { items { patient { id } why { text } } } } }";
        await hub.AsClinician(GovernanceTests.PcnA, subject: "cohort-audit").PostGraphQLAsync(Members);
        await hub.AsClinician(GovernanceTests.PcnA, subject: "cohort-audit").PostGraphQLAsync("{ evaluateCohort(criteria: { register: { register: COPD } }) { count } }");

        await hub.FlushAuditAsync();
        var events = (await hub.AsAdmin().PostGraphQLAsync("{ auditEvents(first: 500) { items { subject operationName field patientsReturned cohortId } } }"))
            .Json.GetProperty("data").GetProperty("auditEvents").GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("subject").GetString() == "cohort-audit").ToList();

        var auditEvent = Assert.Single(events);
        Assert.Equal(("Worklist", "members", 7), (auditEvent.GetProperty("operationName").GetString(), auditEvent.GetProperty("field").GetString(), auditEvent.GetProperty("patientsReturned").GetInt32()));
        Assert.Equal(JsonValueKind.Null, auditEvent.GetProperty("cohortId").ValueKind);
    }

    [Fact]
    public async Task AWorklist_HighestRiskFirstWithWhy_MatchesItsSnapshot()
    {
        var response = await hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync("""
            query HeartOrLungWorklist {
              evaluateCohort(criteria: { all: [
                { any: [{ register: { register: HEART_FAILURE } }, { register: { register: COPD } }] },
                { any: [
                  { activity: { kind: AE_ATTENDANCE, window: { lastMonths: 12 }, count: { atLeast: 1 } } },
                  { risk: { model: "emergency-admission-12m", tiers: [VERY_HIGH, HIGH] } }
                ] },
                { not: { careFlag: { kind: END_OF_LIFE_REGISTER } } }
              ] }) {
                count
                members(first: 3, orderBy: RISK_DESC) {
                  pageInfo { hasNextPage endCursor }
                  items { patient { id age sex } why { path criterion value held text } }
                }
              }
            }
            """);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Snapshot.Match(response.ForSnapshot());
    }

    [Fact]
    public async Task InvalidCriteria_AreRefusedOverHttp_WithAnErrorPerProblem()
    {
        var response = await hub.AsAnalyst().PostGraphQLAsync(
            "query($criteria: CohortCriteria!) { evaluateCohort(criteria: $criteria) { count } }",
            new { criteria = new { all = new object[] { new { any = Array.Empty<object>() }, new { register = new { register = "ASTHMA", onset = new { lastMonths = 0 } } }, new { pcn = "U00000" } } } });

        Assert.Equal(Enumerable.Repeat<string?>(CohortCriteriaInvalidError.ErrorCode, 2), response.ErrorCodes);
        Snapshot.Match(response.ForSnapshot());
    }

    private static async Task<int> CountAsync(HubCaller caller, string query) =>
        (await caller.PostGraphQLAsync(query)).Json.GetProperty("data").GetProperty("evaluateCohort").GetProperty("count").GetInt32();
}
