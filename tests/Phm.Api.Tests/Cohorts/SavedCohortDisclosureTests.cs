using Phm.Api.Governance;
using Phm.Data.Governance;
using static Phm.Api.Tests.Support.SampleData;

namespace Phm.Api.Tests.Cohorts;

/// <summary>
/// What an analyst sees of a saved cohort's recorded evaluations and changes: counts perturbed by their members' cell key, as the
/// same members evaluated now are. Over the hand-made population with thirteen women of 40 (<see cref="SampleData.SeedWithThirteenMore"/>),
/// whose count an analyst is shown as 10 (rounding alone would show 15).
/// </summary>
public sealed class SavedCohortDisclosureTests : IAsyncLifetime
{
    private const string Save = """mutation($criteria: CohortCriteria!) { saveCohort(input: { name: "Forty", criteria: $criteria }) { id } }""";
    private const string Record = """mutation { evaluateSavedCohort(id: "forty") { evaluatedAt count countSuppression } }""";
    private static readonly object AgedForty = new { age = new { atLeast = 40, atMost = 40 } };

    private static readonly System.Security.Claims.ClaimsPrincipal Analyst = SchemaHost.CallerAs(PhmRoles.Analyst, subject: "analyst");

    private TestStore _store = null!;
    private SchemaHost _host = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(SeedWithThirteenMore);
        _host = SchemaHost.Over(_store.Path);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _store.Dispose();
    }

    [Fact]
    public async Task ARecordedEvaluation_ForAnAnalyst_ShowsTheCountOfTheSameMembersEvaluatedNow()
    {
        await _host.ExecuteAsync(Save, new { criteria = AgedForty }, Analyst);

        var recorded = (await _host.ExecuteAsync(Record, user: Analyst)).Data.GetProperty("evaluateSavedCohort");
        var cohort = (await _host.ExecuteAsync("""{ cohort(id: "forty") { evaluate { count } latestEvaluation { count } } }""", user: Analyst)).Data.GetProperty("cohort");

        Assert.Equal(15, Disclosure.Count(13, DisclosureControl.SmallNumberSuppression));
        Assert.Equal((10, 10, 10),
            (recorded.GetProperty("count").GetInt32(), cohort.GetProperty("evaluate").GetProperty("count").GetInt32(), cohort.GetProperty("latestEvaluation").GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task CohortChanges_ForAnAnalyst_ShowWhoEnteredAndLeftPerturbedByTheirCellKeys_WithTheReasonWhenSuppressed()
    {
        await _host.ExecuteAsync(Save, new { criteria = new { age = new { atLeast = 20, atMost = 20 } } }, Analyst);   // Fin
        var first = (await _host.ExecuteAsync(Record, user: Analyst)).Data.GetProperty("evaluateSavedCohort");
        await _host.ExecuteAsync("""mutation($criteria: CohortCriteria!) { reviseCohort(id: "forty", input: { name: "Forty", criteria: $criteria }) { version } }""",
            new { criteria = AgedForty }, Analyst);
        await _host.ExecuteAsync(Record, user: Analyst);

        var changes = (await _host.ExecuteAsync(
            "query($since: DateTimeOffset!) { cohortChanges(id: \"forty\", since: $since) { enteredCount enteredCountSuppression leftCount leftCountSuppression } }",
            new { since = first.GetProperty("evaluatedAt").GetString() }, Analyst)).Data.GetProperty("cohortChanges");

        Assert.Equal((10, null), (changes.GetProperty("enteredCount").GetInt32(), changes.GetProperty("enteredCountSuppression").GetString()));
        Assert.Equal((System.Text.Json.JsonValueKind.Null, "SMALL_COUNT"), (changes.GetProperty("leftCount").ValueKind, changes.GetProperty("leftCountSuppression").GetString()));
    }
}
