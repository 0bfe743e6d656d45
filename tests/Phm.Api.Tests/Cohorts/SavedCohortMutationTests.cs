using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Cohorts;
using Phm.Api.Governance;
using Phm.Api.Practices;
using Phm.Data.Cohorts;
using Phm.Data.Governance;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Cohorts;

/// <summary>Saving, revising and retiring cohorts over the hand-made population, each test on a store of its own.</summary>
public sealed class SavedCohortMutationTests : IAsyncLifetime
{
    public const string HeartFailure = """{"version":1,"criteria":{"register":{"register":"HEART_FAILURE"}}}""";
    public const string Hypertension = """{"version":1,"criteria":{"register":{"register":"HYPERTENSION"}}}""";

    /// <summary>The criteria as a variable of the CohortCriteria input, as a client sends them.</summary>
    private static readonly object HeartFailureCriteria = new { register = new { register = "HEART_FAILURE" } };
    private static readonly object HypertensionCriteria = new { register = new { register = "HYPERTENSION" } };

    private const string Save = """
        mutation($input: SaveCohortInput!) { saveCohort(input: $input) { id version name description owner authoredBy pcn { code } criteriaJson builtIn retiredAt evaluate { count } } }
        """;
    private const string Revise = """
        mutation($id: ID!, $input: ReviseCohortInput!) { reviseCohort(id: $id, input: $input) { id version name owner authoredBy pcn { code } criteriaJson } }
        """;

    private static readonly System.Security.Claims.ClaimsPrincipal ClinicianOfCentral = SchemaHost.CallerAs(PhmRoles.Clinician, Central, "clinician-central");
    private static readonly System.Security.Claims.ClaimsPrincipal Analyst = SchemaHost.CallerAs(PhmRoles.Analyst, subject: "analyst");
    private static readonly System.Security.Claims.ClaimsPrincipal Admin = SchemaHost.CallerAs(PhmRoles.Admin, subject: "admin");

    private TestStore _store = null!;
    private SchemaHost _host = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(Seed);
        _host = SchemaHost.Over(_store.Path);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _store.Dispose();
    }

    [Fact]
    public async Task SaveCohort_ByAClinician_IsVersion1_OfTheirPcn_OwnedByThem()
    {
        var response = await _host.ExecuteAsync(Save, new { input = new { name = "Heart failure", description = "For the INT", criteria = HeartFailureCriteria } }, ClinicianOfCentral);

        var saved = response.Data.GetProperty("saveCohort");
        Assert.Equal(("heart-failure", 1, "Heart failure", "For the INT"), (saved.GetProperty("id").GetString(), saved.GetProperty("version").GetInt32(), saved.GetProperty("name").GetString(), saved.GetProperty("description").GetString()));
        Assert.Equal(("clinician-central", "clinician-central", Central, false), (saved.GetProperty("owner").GetString(), saved.GetProperty("authoredBy").GetString(), saved.GetProperty("pcn").GetProperty("code").GetString(), saved.GetProperty("builtIn").GetBoolean()));
        Assert.Equal(HeartFailure, saved.GetProperty("criteriaJson").GetString());
        Assert.Equal(JsonValueKind.Null, saved.GetProperty("retiredAt").ValueKind);
        Assert.Equal(1, saved.GetProperty("evaluate").GetProperty("count").GetInt32());   // Dan, registered at Beta (Central)
    }

    [Fact]
    public async Task ReviseCohort_AddsTheNextVersion_AndKeepsTheOldOne()
    {
        await _host.ExecuteAsync(Save, new { input = new { name = "Heart failure", criteria = HeartFailureCriteria } }, ClinicianOfCentral);

        var revised = await _host.ExecuteAsync(Revise, new { id = "heart-failure", input = new { name = "Hypertension", criteria = HypertensionCriteria } },
            SchemaHost.CallerAs(PhmRoles.Clinician, Central, "colleague"));

        var latest = revised.Data.GetProperty("reviseCohort");
        Assert.Equal(("heart-failure", 2, "Hypertension", "clinician-central", "colleague", Central),
            (latest.GetProperty("id").GetString(), latest.GetProperty("version").GetInt32(), latest.GetProperty("name").GetString(),
             latest.GetProperty("owner").GetString(), latest.GetProperty("authoredBy").GetString(), latest.GetProperty("pcn").GetProperty("code").GetString()));
        var versions = await _host.ExecuteAsync("""
            { first: cohort(id: "heart-failure", version: 1) { version name criteriaJson evaluate { count } }
              latest: cohort(id: "heart-failure") { version name criteriaJson evaluate { count } } }
            """, user: ClinicianOfCentral);
        Assert.Equal((1, "Heart failure", HeartFailure, 1), VersionOf(versions.Data.GetProperty("first")));
        Assert.Equal((2, "Hypertension", Hypertension, 1), VersionOf(versions.Data.GetProperty("latest")));   // Dan again; Eve's practice left Central
    }

    [Fact]
    public async Task RetireCohort_RetiresEveryVersion_TakesItOffTheList_AndStopsRevisions()
    {
        await _host.ExecuteAsync(Save, new { input = new { name = "Heart failure", criteria = HeartFailureCriteria } }, ClinicianOfCentral);
        await _host.ExecuteAsync(Revise, new { id = "heart-failure", input = new { name = "HF v2", criteria = HeartFailureCriteria } }, ClinicianOfCentral);

        var retired = await _host.ExecuteAsync("""mutation { retireCohort(id: "heart-failure") { version retiredAt } }""", user: ClinicianOfCentral);

        Assert.Equal(2, retired.Data.GetProperty("retireCohort").GetProperty("version").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, retired.Data.GetProperty("retireCohort").GetProperty("retiredAt").ValueKind);
        var lists = await _host.ExecuteAsync("""
            { live: cohorts { id } all: cohorts(includeRetired: true) { id version retiredAt } first: cohort(id: "heart-failure", version: 1) { retiredAt } }
            """, user: ClinicianOfCentral);
        Assert.Equal(0, lists.Data.GetProperty("live").GetArrayLength());
        Assert.Equal(["heart-failure"], lists.Data.GetProperty("all").Strings("id"));
        Assert.NotEqual(JsonValueKind.Null, lists.Data.GetProperty("first").GetProperty("retiredAt").ValueKind);
        var again = await _host.ExecuteAsync(Revise, new { id = "heart-failure", input = new { name = "HF v3", criteria = HeartFailureCriteria } }, ClinicianOfCentral);
        Assert.Equal([CohortRetiredError.ErrorCode], again.ErrorCodes);
        Assert.StartsWith("Argument 'id' is invalid: cohort 'heart-failure' is retired", again.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveCohort_WithoutAName_IsRefused_NamingTheField_AndSavesNothing()
    {
        var response = await _host.ExecuteAsync(Save, new { input = new { name = " ", criteria = HeartFailureCriteria } }, ClinicianOfCentral);

        Assert.Equal([CohortInputInvalidError.ErrorCode], response.ErrorCodes);
        Assert.StartsWith("Argument 'input.name' is invalid: ", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, await CountDefinitionsAsync());
    }

    [Theory]
    [InlineData("""{ "all": [{ "sex": "FEMALE" }, { "any": [] }] }""", "input.criteria.all[1].any")]
    [InlineData("""{ "activity": { "kind": "GP_APPOINTMENT", "window": { "from": "2020-02-01", "to": "2020-01-01" }, "count": { "atLeast": 1 } } }""", "input.criteria.activity.window")]
    [InlineData("""{ "all": [{ "alive": true }, { "practice": "J99999" }] }""", "input.criteria.all[1].practice")]
    [InlineData("""{ "lsoa": "E01999999" }""", "input.criteria.lsoa")]
    [InlineData("""{ "any": [{ "pcn": "U99999" }] }""", "input.criteria.any[0].pcn")]
    [InlineData("""{ "risk": { "model": "no-such-model" } }""", "input.criteria.risk.model")]
    public async Task SaveCohort_WithCriteriaEvaluateCohortWouldRefuse_IsRefusedTheSameWay_NamingThePath_AndSavesNothing(string criteria, string path)
    {
        var response = await _host.ExecuteAsync(Save, new { input = new { name = "HF", criteria = JsonDocument.Parse(criteria).RootElement } }, Analyst);

        Assert.Equal([CohortCriteriaInvalidError.ErrorCode], response.ErrorCodes);
        Assert.Contains(path, response.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(path, response.Json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("argument").GetString());
        Assert.Equal(0, await CountDefinitionsAsync());
    }

    [Fact]
    public async Task SaveCohort_WithAnUnknownRegister_IsRefusedByTheSchema_AndSavesNothing()
    {
        var response = await _host.ExecuteAsync(Save, new { input = new { name = "HF", criteria = new { register = new { register = "GOUT" } } } }, Analyst);

        Assert.Contains("GOUT", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, await CountDefinitionsAsync());
    }

    [Fact]
    public async Task ReviseCohort_WithCriteriaNamingAnUnknownPractice_IsRefused_NamingThePath_AndKeepsTheVersion()
    {
        await _host.ExecuteAsync(Save, new { input = new { name = "Heart failure", criteria = HeartFailureCriteria } }, ClinicianOfCentral);

        var response = await _host.ExecuteAsync(Revise, new { id = "heart-failure", input = new { name = "HF", criteria = new { practice = "J99999" } } }, ClinicianOfCentral);

        Assert.Equal([CohortCriteriaInvalidError.ErrorCode], response.ErrorCodes);
        Assert.Contains("input.criteria.practice", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, await CountDefinitionsAsync());
    }

    [Fact]
    public async Task SaveCohort_ForAnUnknownPcn_IsRefused_NamingThePcn()
    {
        var response = await _host.ExecuteAsync(Save, new { input = new { name = "HF", criteria = HeartFailureCriteria, pcn = "U99999" } }, Analyst);

        Assert.Equal([PcnNotFoundError.ErrorCode], response.ErrorCodes);
        Assert.StartsWith("Argument 'input.pcn' is invalid: ", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveCohort_ByAClinician_ForAnotherPcn_IsForbidden_AndSavesNothing()
    {
        var response = await _host.ExecuteAsync(Save, new { input = new { name = "HF", criteria = HeartFailureCriteria, pcn = North } }, ClinicianOfCentral);

        Assert.Equal([ForbiddenError.ErrorCode], response.ErrorCodes);
        Assert.Contains("input.pcn", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, await CountDefinitionsAsync());
    }

    [Fact]
    public async Task SaveCohort_ByAnAnalyst_MayBeCityWide_OrForAnyPcn()
    {
        var cityWide = await _host.ExecuteAsync(Save, new { input = new { name = "HF", criteria = HeartFailureCriteria } }, Analyst);
        var north = await _host.ExecuteAsync(Save, new { input = new { name = "HF", criteria = HeartFailureCriteria, pcn = North } }, Analyst);

        Assert.Equal(JsonValueKind.Null, cityWide.Data.GetProperty("saveCohort").GetProperty("pcn").ValueKind);
        Assert.Equal(("hf-2", North), (north.Data.GetProperty("saveCohort").GetProperty("id").GetString(), north.Data.GetProperty("saveCohort").GetProperty("pcn").GetProperty("code").GetString()));
        // Dan alone, so under disclosure control; nobody in North has heart failure.
        Assert.Equal(JsonValueKind.Null, cityWide.Data.GetProperty("saveCohort").GetProperty("evaluate").GetProperty("count").ValueKind);
        Assert.Equal(0, north.Data.GetProperty("saveCohort").GetProperty("evaluate").GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("""mutation { reviseCohort(id: "built-in-hf", input: { name: "mine", criteria: { alive: true } }) { version } }""")]
    [InlineData("""mutation { retireCohort(id: "built-in-hf") { version } }""")]
    public async Task ABuiltInCohort_IsRevisedOrRetired_ByAdministratorsOnly(string mutation)
    {
        await AddBuiltInAsync();

        foreach (var notAdmin in new[] { ClinicianOfCentral, Analyst })
        {
            var refused = await _host.ExecuteAsync(mutation, user: notAdmin);
            Assert.Equal([ForbiddenError.ErrorCode], refused.ErrorCodes);
            Assert.Contains("built in; only administrators", refused.ErrorMessage, StringComparison.Ordinal);
        }
        var allowed = await _host.ExecuteAsync(mutation, user: Admin);

        Assert.Empty(allowed.ErrorCodes);
    }

    [Fact]
    public async Task ABuiltInCohort_IsCopied_BySendingTheCriteriaOfItsCriteriaJsonAsTheCriteriaVariable()
    {
        await AddBuiltInAsync();
        var builtIn = await _host.ExecuteAsync("""{ cohort(id: "built-in-hf") { criteriaJson } }""", user: ClinicianOfCentral);
        var criteria = JsonDocument.Parse(builtIn.Data.GetProperty("cohort").GetProperty("criteriaJson").GetString()!).RootElement.GetProperty("criteria");

        var copy = await _host.ExecuteAsync(Save, new { input = new { name = "Our HF list", criteria } }, ClinicianOfCentral);

        Assert.Equal((false, HeartFailure), (copy.Data.GetProperty("saveCohort").GetProperty("builtIn").GetBoolean(), copy.Data.GetProperty("saveCohort").GetProperty("criteriaJson").GetString()));
    }

    private async Task AddBuiltInAsync()
    {
        await using var db = _store.OpenContext();
        await new SavedCohorts(db, TimeProvider.System).SaveAsync(new CohortContent("Built-in HF", null, HeartFailure), CohortDefinition.BuiltInOwner, Central, isBuiltIn: true, "built-in-hf", CancellationToken.None);
    }

    private async Task<int> CountDefinitionsAsync()
    {
        await using var db = _store.OpenContext();
        return await db.CohortDefinitions.CountAsync();
    }

    private static (int, string, string, int) VersionOf(JsonElement cohort) =>
        (cohort.GetProperty("version").GetInt32(), cohort.GetProperty("name").GetString()!, cohort.GetProperty("criteriaJson").GetString()!, cohort.GetProperty("evaluate").GetProperty("count").GetInt32());
}
