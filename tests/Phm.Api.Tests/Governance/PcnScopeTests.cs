using System.Text.Json;
using Phm.Api.Governance;

namespace Phm.Api.Tests.Governance;

/// <summary>
/// A clinician of one PCN cannot reach another PCN's patient by any path: id, cursor, filter, alias or fragment; nor another PCN's
/// risk scores, through Patient.risk, the risk filter, the RISK_DESC order or riskDistribution.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class PcnScopeTests(PhmApiFactory hub)
{
    private HubCaller ClinicianOfA => hub.AsClinician(GovernanceTests.PcnA);

    [Fact]
    public async Task Patient_OfAnotherPcnById_IsNullWithForbidden()
    {
        var patientOfB = await GovernanceTests.FirstPatientIdOfAsync(hub, GovernanceTests.PcnB);

        var response = await ClinicianOfA.PostGraphQLAsync("query($id: ID!) { patient(id: $id) { id } }", new { id = patientOfB });

        Assert.Equal(JsonValueKind.Null, response.Json.GetProperty("data").GetProperty("patient").ValueKind);
        Assert.Equal([ForbiddenError.ErrorCode], response.ErrorCodes);
    }

    [Theory]
    [InlineData("pcn", GovernanceTests.PcnB)]
    [InlineData("practice", "J82002")] // Lordshill Health Centre, Southampton West PCN
    public async Task Patients_FilteredOnAnotherPcnOrItsPractice_AreForbiddenNotEmpty(string criterion, string code)
    {
        var response = await ClinicianOfA.PostGraphQLAsync(
            $"query($code: String) {{ patients(filter: {{ {criterion}: $code }}) {{ totalCount }} }}", new { code });

        Assert.Equal([ForbiddenError.ErrorCode], response.ErrorCodes);
        Assert.False(response.Json.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Patients_FilteredByRegisterWithoutAPcn_AreOnlyOwnPatients_AsManyAsWithTheirPcnNamed()
    {
        var unnamed = await ClinicianOfA.PostGraphQLAsync("{ patients(first: 500, filter: { registers: [HYPERTENSION] }) { totalCount items { practice { pcn { code } } } } }");
        var named = await ClinicianOfA.PostGraphQLAsync($$"""{ patients(filter: { pcn: "{{GovernanceTests.PcnA}}", registers: [HYPERTENSION] }) { totalCount } }""");

        var patients = unnamed.Json.GetProperty("data").GetProperty("patients");
        Assert.NotEmpty(patients.GetProperty("items").EnumerateArray());
        Assert.All(patients.GetProperty("items").EnumerateArray(), item => Assert.Equal(GovernanceTests.PcnA, item.GetProperty("practice").GetProperty("pcn").GetProperty("code").GetString()));
        Assert.Equal(named.Json.GetProperty("data").GetProperty("patients").GetProperty("totalCount").GetInt32(), patients.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Patients_AfterACursorOfAnotherPcn_ListOnlyOwnPatients()
    {
        var pageOfB = (await hub.AsClinician(GovernanceTests.PcnB).PostGraphQLAsync("{ patients(first: 5) { items { id } pageInfo { endCursor } } }"))
            .Json.GetProperty("data").GetProperty("patients");
        var idsOfB = pageOfB.GetProperty("items").Strings("id").ToHashSet();

        var response = await ClinicianOfA.PostGraphQLAsync(
            "query($after: String) { patients(first: 500, after: $after) { items { id practice { pcn { code } } } } }",
            new { after = pageOfB.GetProperty("pageInfo").GetProperty("endCursor").GetString() });

        var items = response.Json.GetProperty("data").GetProperty("patients").GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, item => Assert.Equal(GovernanceTests.PcnA, item.GetProperty("practice").GetProperty("pcn").GetProperty("code").GetString()));
        Assert.DoesNotContain(items, item => idsOfB.Contains(item.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task AliasesAndFragments_ReachingForAnotherPcn_GetOnlyOwnPatients()
    {
        var patientOfB = await GovernanceTests.FirstPatientIdOfAsync(hub, GovernanceTests.PcnB);

        var response = await ClinicianOfA.PostGraphQLAsync("""
            query($id: ID!) {
              mine: patients(first: 500) { items { ...Place } }
              ... on Query { theirs: patient(id: $id) { ...Place conditions { register } } }
            }
            fragment Place on Patient { id practice { pcn { code } } }
            """, new { id = patientOfB });

        var data = response.Json.GetProperty("data");
        Assert.Equal(JsonValueKind.Null, data.GetProperty("theirs").ValueKind);
        Assert.Equal([ForbiddenError.ErrorCode], response.ErrorCodes);
        Assert.All(data.GetProperty("mine").GetProperty("items").EnumerateArray(),
            item => Assert.Equal(GovernanceTests.PcnA, item.GetProperty("practice").GetProperty("pcn").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task PatientLevelField_InAFragment_IsForbiddenToAnAnalyst()
    {
        var response = await hub.AsAnalyst().PostGraphQLAsync("""
            { ...Everything }
            fragment Everything on Query { pcns { code } list: patients { items { id } } }
            """);

        Assert.Equal([ForbiddenError.ErrorCode], response.ErrorCodes);
        Assert.False(response.Json.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task CohortCharacterisation_ForAClinician_DescribesOnlyItsOwnPatients_WithExactCounts()
    {
        var response = await ClinicianOfA.PostGraphQLAsync($$"""
            { evaluateCohort(criteria: { alive: true }) { count characterisation { members membersSuppression
                ageBandsBySex { patients suppression } deprivation { byLocalQuintile { patients suppression } } } }
              named: evaluateCohort(criteria: { all: [{ alive: true }, { pcn: "{{GovernanceTests.PcnA}}" }] }) { count } }
            """);

        var evaluation = response.Json.GetProperty("data").GetProperty("evaluateCohort");
        var characterisation = evaluation.GetProperty("characterisation");
        var members = evaluation.GetProperty("count").GetInt32();
        // As many as with their PCN named, and every part exact: the parts add up to the members, nothing suppressed.
        Assert.Equal(response.Json.GetProperty("data").GetProperty("named").GetProperty("count").GetInt32(), members);
        Assert.Equal((members, JsonValueKind.Null), (characterisation.GetProperty("members").GetInt32(), characterisation.GetProperty("membersSuppression").ValueKind));
        foreach (var parts in new[] { characterisation.GetProperty("ageBandsBySex"), characterisation.GetProperty("deprivation").GetProperty("byLocalQuintile") })
        {
            Assert.Equal(members, parts.EnumerateArray().Sum(p => p.GetProperty("patients").GetInt32()));
            Assert.All(parts.EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("suppression").ValueKind));
        }
    }

    [Fact]
    public async Task DeprivationProfile_ForAClinician_ShowsOnlyItsOwnPcn()
    {
        var response = await ClinicianOfA.PostGraphQLAsync("{ deprivationProfile(groupBy: PCN) { group { code } } }");

        Assert.Equal([GovernanceTests.PcnA],
            response.Json.GetProperty("data").GetProperty("deprivationProfile").EnumerateArray().Select(g => g.GetProperty("group").GetProperty("code").GetString()));
    }

    private const string Admission = TestRiskScores.Admission;

    [Fact]
    public async Task Risk_OfAnotherPcnsPatient_IsNullWithForbidden()
    {
        var patientOfB = await GovernanceTests.FirstPatientIdOfAsync(hub, GovernanceTests.PcnB);

        var response = await ClinicianOfA.PostGraphQLAsync($$"""query($id: ID!) { patient(id: $id) { risk(model: "{{Admission}}") { probability } } }""", new { id = patientOfB });

        Assert.Equal(JsonValueKind.Null, response.Json.GetProperty("data").GetProperty("patient").ValueKind);
        Assert.Equal([ForbiddenError.ErrorCode], response.ErrorCodes);
    }

    [Fact]
    public async Task PatientsByRiskDesc_ForAClinician_AreOnlyOwnScoredPatients_AsManyAsItsPcnHas()
    {
        var items = new List<JsonElement>();
        string? after = null;
        JsonElement page;
        do
        {
            page = (await ClinicianOfA.PostGraphQLAsync($$"""
                query($after: String) {
                  patients(first: 500, after: $after, orderBy: RISK_DESC, filter: { risk: { model: "{{Admission}}" } }) {
                    pageInfo { hasNextPage endCursor } items { practice { pcn { code } } }
                  }
                }
                """, new { after })).Json.GetProperty("data").GetProperty("patients");
            items.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
        while (page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());

        Assert.All(items, item => Assert.Equal(GovernanceTests.PcnA, item.GetProperty("practice").GetProperty("pcn").GetProperty("code").GetString()));
        Assert.Equal((await ScoredInPcnAAsync()).Patients, items.Count);
    }

    [Fact]
    public async Task PatientsFilteredByRiskTier_ForAClinician_CountOnlyOwnPatients()
    {
        var response = await ClinicianOfA.PostGraphQLAsync($$"""{ patients(first: 0, filter: { risk: { model: "{{Admission}}", tiers: [VERY_HIGH, HIGH] } }) { totalCount } }""");

        var (_, highTiers) = await ScoredInPcnAAsync();
        Assert.Equal(highTiers, response.Json.GetProperty("data").GetProperty("patients").GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("PCN")]
    [InlineData("PRACTICE")]
    [InlineData("NATIONAL_QUINTILE")]
    [InlineData("LOCAL_QUINTILE")]
    public async Task RiskDistribution_ForAClinician_CountsOnlyItsOwnPatients(string groupBy)
    {
        var response = await ClinicianOfA.PostGraphQLAsync($$"""{ riskDistribution(model: "{{Admission}}", groupBy: {{groupBy}}) { organisation { code } patients } }""");

        var groups = response.Json.GetProperty("data").GetProperty("riskDistribution").EnumerateArray().ToList();
        Assert.Equal((await ScoredInPcnAAsync()).Patients, groups.Sum(g => g.GetProperty("patients").GetInt32()));
        if (groupBy == "PCN")
            Assert.Equal([GovernanceTests.PcnA], groups.Select(g => g.GetProperty("organisation").GetProperty("code").GetString()));
    }

    /// <summary>PCN A's patients scored by the admission model, and those of them in the two highest tiers, as an administrator counts them.</summary>
    private async Task<(int Patients, int HighTiers)> ScoredInPcnAAsync()
    {
        var response = await hub.AsAdmin().PostGraphQLAsync($$"""{ riskDistribution(model: "{{Admission}}", groupBy: PCN) { organisation { code } patients tiers { tier patients } } }""");
        var pcnA = response.Json.GetProperty("data").GetProperty("riskDistribution").EnumerateArray()
            .Single(g => g.GetProperty("organisation").GetProperty("code").GetString() == GovernanceTests.PcnA);
        var highTiers = pcnA.GetProperty("tiers").EnumerateArray()
            .Where(t => t.GetProperty("tier").GetString() is "VERY_HIGH" or "HIGH").Sum(t => t.GetProperty("patients").GetInt32());
        Assert.InRange(highTiers, 1, pcnA.GetProperty("patients").GetInt32() - 1);
        return (pcnA.GetProperty("patients").GetInt32(), highTiers);
    }
}
