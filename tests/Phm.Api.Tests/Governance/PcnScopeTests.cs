using System.Text.Json;
using Phm.Api.Governance;

namespace Phm.Api.Tests.Governance;

/// <summary>A clinician of one PCN cannot reach another PCN's patient by any path: id, cursor, filter, alias or fragment.</summary>
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
    public async Task DeprivationProfile_ForAClinician_ShowsOnlyItsOwnPcn()
    {
        var response = await ClinicianOfA.PostGraphQLAsync("{ deprivationProfile(groupBy: PCN) { group { code } } }");

        Assert.Equal([GovernanceTests.PcnA],
            response.Json.GetProperty("data").GetProperty("deprivationProfile").EnumerateArray().Select(g => g.GetProperty("group").GetProperty("code").GetString()));
    }
}
