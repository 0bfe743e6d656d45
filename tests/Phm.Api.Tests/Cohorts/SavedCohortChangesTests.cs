using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Cohorts;
using Phm.Api.Governance;
using Phm.Data.Governance;
using Phm.Data.Patients;
using Phm.Data.Store;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Cohorts;

/// <summary>
/// Who entered and who left a saved cohort between two recorded evaluations, over the hand-made population: North's patients
/// with an A&amp;E attendance in the last 12 months. At 1 January 2021 that is Ann (2 July 2020). The store then moves on to
/// 1 August 2021 and Bob attends A&amp;E in March 2021: Ann's attendance falls out of the window, so Bob enters and Ann leaves.
/// </summary>
public sealed class SavedCohortChangesTests : IAsyncLifetime
{
    private static readonly object AeLastYear = new { activity = new { kind = "AE_ATTENDANCE", window = new { lastMonths = 12 }, count = new { atLeast = 1 } } };
    private const string Evaluate = """mutation { evaluateSavedCohort(id: "a-e-last-year") { evaluatedAt version referenceDate count } }""";
    private const string Changes = """
        query($since: DateTimeOffset!) { cohortChanges(id: "a-e-last-year", since: $since) { from { count referenceDate } to { count referenceDate } enteredCount leftCount entered { id } left { id } } }
        """;

    private static readonly System.Security.Claims.ClaimsPrincipal ClinicianOfNorth = SchemaHost.CallerAs(PhmRoles.Clinician, North, "clinician-north");

    private TestStore _store = null!;
    private SchemaHost _host = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(Seed);
        _host = SchemaHost.Over(_store.Path);
        await _host.ExecuteAsync("""mutation($input: SaveCohortInput!) { saveCohort(input: $input) { id } }""",
            new { input = new { name = "A&E last year", criteria = AeLastYear } }, ClinicianOfNorth);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _store.Dispose();
    }

    [Fact]
    public async Task CohortChanges_BetweenTwoEvaluations_SayWhoEnteredAndWhoLeft()
    {
        var first = (await _host.ExecuteAsync(Evaluate, user: ClinicianOfNorth)).Data.GetProperty("evaluateSavedCohort");
        await MoveOnAsync();
        var second = (await _host.ExecuteAsync(Evaluate, user: ClinicianOfNorth)).Data.GetProperty("evaluateSavedCohort");

        var changes = (await _host.ExecuteAsync(Changes, new { since = first.GetProperty("evaluatedAt").GetString() }, ClinicianOfNorth)).Data.GetProperty("cohortChanges");

        Assert.Equal((1, "2021-01-01"), (first.GetProperty("count").GetInt32(), first.GetProperty("referenceDate").GetString()));
        Assert.Equal((1, "2021-08-01"), (second.GetProperty("count").GetInt32(), second.GetProperty("referenceDate").GetString()));
        Assert.Equal([Bob], changes.GetProperty("entered").Strings("id"));
        Assert.Equal([Ann], changes.GetProperty("left").Strings("id"));
        Assert.Equal((1, 1), (changes.GetProperty("enteredCount").GetInt32(), changes.GetProperty("leftCount").GetInt32()));
        Assert.Equal(("2021-01-01", "2021-08-01"), (changes.GetProperty("from").GetProperty("referenceDate").GetString(), changes.GetProperty("to").GetProperty("referenceDate").GetString()));
    }

    [Fact]
    public async Task CohortChanges_SinceTheLatestEvaluation_AreNone()
    {
        await _host.ExecuteAsync(Evaluate, user: ClinicianOfNorth);
        await MoveOnAsync();
        var latest = (await _host.ExecuteAsync(Evaluate, user: ClinicianOfNorth)).Data.GetProperty("evaluateSavedCohort");

        var changes = (await _host.ExecuteAsync(Changes, new { since = latest.GetProperty("evaluatedAt").GetString() }, ClinicianOfNorth)).Data.GetProperty("cohortChanges");

        Assert.Equal((0, 0), (changes.GetProperty("entered").GetArrayLength(), changes.GetProperty("left").GetArrayLength()));
    }

    [Fact]
    public async Task CohortChanges_BeforeAnyEvaluation_AreRefused_NamingSince()
    {
        await _host.ExecuteAsync(Evaluate, user: ClinicianOfNorth);

        var response = await _host.ExecuteAsync(Changes, new { since = "2020-01-01T00:00:00Z" }, ClinicianOfNorth);

        Assert.Equal([NoEvaluationSinceError.ErrorCode], response.ErrorCodes);
        Assert.StartsWith("Argument 'since' is invalid: ", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnalyst_SeesHowManyChanged_UnderDisclosureControl_ButNotWho()
    {
        var analyst = SchemaHost.CallerAs(PhmRoles.Analyst);
        var first = (await _host.ExecuteAsync(Evaluate, user: analyst)).Data.GetProperty("evaluateSavedCohort");
        await MoveOnAsync();
        await _host.ExecuteAsync(Evaluate, user: analyst);
        var since = first.GetProperty("evaluatedAt").GetString();

        var counts = (await _host.ExecuteAsync("query($since: DateTimeOffset!) { cohortChanges(id: \"a-e-last-year\", since: $since) { enteredCount leftCount to { count } } }", new { since }, analyst)).Data.GetProperty("cohortChanges");
        var patients = await _host.ExecuteAsync("query($since: DateTimeOffset!) { cohortChanges(id: \"a-e-last-year\", since: $since) { entered { id } } }", new { since }, analyst);

        Assert.Equal(JsonValueKind.Null, first.GetProperty("count").ValueKind);
        Assert.Equal([JsonValueKind.Null, JsonValueKind.Null, JsonValueKind.Null],
            [counts.GetProperty("enteredCount").ValueKind, counts.GetProperty("leftCount").ValueKind, counts.GetProperty("to").GetProperty("count").ValueKind]);
        Assert.Equal([ForbiddenError.ErrorCode], patients.ErrorCodes);
    }

    [Fact]
    public async Task Evaluate_EnteredSinceAnEvaluation_IsOnlyWhoEnteredSince_CountedAndPaged()
    {
        var first = (await _host.ExecuteAsync(Evaluate, user: ClinicianOfNorth)).Data.GetProperty("evaluateSavedCohort");
        await MoveOnAsync();

        var evaluation = await EvaluateAsync(new { enteredSince = first.GetProperty("evaluatedAt").GetString() });

        Assert.Equal((1, 1), (evaluation.GetProperty("count").GetInt32(), evaluation.GetProperty("members").GetProperty("totalCount").GetInt32()));
        Assert.Equal([Bob], MemberIds(evaluation));
    }

    [Fact]
    public async Task Evaluate_EnteredSinceBeforeAnyEvaluation_IsRefused_NamingEnteredSince()
    {
        var response = await _host.ExecuteAsync(EvaluateFiltered, new { enteredSince = "2020-01-01T00:00:00Z" }, ClinicianOfNorth);

        Assert.Equal([NoEvaluationSinceError.ErrorCode], response.ErrorCodes);
        Assert.StartsWith("Argument 'enteredSince' is invalid: ", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_WithAFilter_IsOnlyTheMembersAlsoMeetingIt_AndWhyStillExplainsTheCohort()
    {
        var women = await EvaluateAsync(new { filter = new { all = new object[] { new { sex = "FEMALE" }, new { practice = Alpha } } } });
        var men = await EvaluateAsync(new { filter = new { sex = "MALE" } });

        Assert.Equal([Ann], MemberIds(women));
        Assert.Equal(1, women.GetProperty("count").GetInt32());
        var why = women.GetProperty("members").GetProperty("edges")[0].GetProperty("node").GetProperty("why").Strings("path");
        Assert.Contains(why, path => path.EndsWith("activity", StringComparison.Ordinal));
        Assert.DoesNotContain(why, path => path.EndsWith("sex", StringComparison.Ordinal) || path.EndsWith("practice", StringComparison.Ordinal));
        Assert.Equal((0, 0), (men.GetProperty("count").GetInt32(), men.GetProperty("members").GetProperty("edges").GetArrayLength()));
    }

    private const string EvaluateFiltered = """
        query($filter: CohortCriteria, $enteredSince: DateTimeOffset) {
          cohort(id: "a-e-last-year") { evaluate(filter: $filter, enteredSince: $enteredSince) { count members { totalCount edges { node { patient { id } why { path } } } } } }
        }
        """;

    private async Task<JsonElement> EvaluateAsync(object variables)
    {
        var response = await _host.ExecuteAsync(EvaluateFiltered, variables, ClinicianOfNorth);
        Assert.Empty(response.ErrorCodes);
        return response.Data.GetProperty("cohort").GetProperty("evaluate");
    }

    private static string[] MemberIds(JsonElement evaluation) =>
        [.. evaluation.GetProperty("members").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("patient").GetProperty("id").GetString()!)];

    [Fact]
    public async Task TheCohortsList_ShowsEachCohortsLatestEvaluation()
    {
        var before = await _host.ExecuteAsync("{ cohorts { id latestEvaluation { count } } }", user: ClinicianOfNorth);
        await _host.ExecuteAsync(Evaluate, user: ClinicianOfNorth);

        var after = await _host.ExecuteAsync("{ cohorts { id latestEvaluation { count version } } }", user: ClinicianOfNorth);

        Assert.Equal(JsonValueKind.Null, before.Data.GetProperty("cohorts")[0].GetProperty("latestEvaluation").ValueKind);
        Assert.Equal((1, 1), (after.Data.GetProperty("cohorts")[0].GetProperty("latestEvaluation").GetProperty("count").GetInt32(),
            after.Data.GetProperty("cohorts")[0].GetProperty("latestEvaluation").GetProperty("version").GetInt32()));
    }

    /// <summary>The store moves on seven months, in which Bob attends A&amp;E: a rebuild by this process, which records it.</summary>
    private async Task MoveOnAsync()
    {
        await using var db = _store.OpenContext();
        await db.Manifest.ExecuteUpdateAsync(u => u.SetProperty(m => m.ReferenceDate, new DateOnly(2021, 8, 1)));
        db.Activities.Add(new Activity { Id = 299, PatientId = 2, Kind = ActivityKind.AeAttendance, Date = new DateOnly(2021, 3, 1) });
        await db.SaveChangesAsync();
        StoreChanges.Record();
    }
}
