using System.Net;

namespace Phm.Api.Tests.Providers;

/// <summary>
/// The hub answers the same on a database server as on SQLite: the same seed builds the same patients, so every
/// representative request — filters, paging, detail, PCN scope, aggregates under suppression, refusals — must return
/// the same body.
/// </summary>
public abstract class ProviderParityTests<TServer>(PhmApiFactory sqlite, TServer server) where TServer : ServerHub
{
    [SkippableTheory]
    [MemberData(nameof(RepresentativeRequests.All), MemberType = typeof(RepresentativeRequests))]
    public async Task ARequest_IsAnsweredAsOnSqlite(string caller, string query)
    {
        var onServer = await server.Hub.As(caller).PostGraphQLAsync(query);
        var onSqlite = await sqlite.As(caller).PostGraphQLAsync(query);

        Assert.Equal((onSqlite.Status, onSqlite.Body), (onServer.Status, onServer.Body));
        // Equal refusals would prove little: only the one request meant to be refused may carry errors.
        Assert.Equal(query.Contains("U47004", StringComparison.Ordinal), onSqlite.Json.TryGetProperty("errors", out _));
    }

    [SkippableFact]
    public async Task PagingOnByCursor_AndAPatientsDetail_AreAsOnSqlite()
    {
        const string Page = """query($after: String) { patients(first: 25, after: $after, filter: { registers: [ASTHMA] }) { pageInfo { endCursor } edges { node { id } } } }""";
        var first = await sqlite.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(Page);
        var cursor = first.Json.GetProperty("data").GetProperty("patients").GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var id = first.Json.GetProperty("data").GetProperty("patients").GetProperty("edges")[0].GetProperty("node").GetProperty("id").GetString();
        var detail = $$"""{ patient(id: "{{id}}") { id age dateOfDeath conditions { register } activity(kind: GP_APPOINTMENT) { date } activityCounts { kind count } medicinesPrescribed(from: "2020-01-01") proceduresPerformed } }""";

        var onServer = (await server.Hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(Page, new { after = cursor }), await server.Hub.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(detail));
        var onSqlite = (await sqlite.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(Page, new { after = cursor }), await sqlite.AsClinician(GovernanceTests.PcnA).PostGraphQLAsync(detail));

        Assert.Equal(HttpStatusCode.OK, onSqlite.Item1.Status);
        Assert.Equal((onSqlite.Item1.Body, onSqlite.Item2.Body), (onServer.Item1.Body, onServer.Item2.Body));
    }

    /// <summary>A clinician's saved cohort through its life: saved, revised, evaluated twice, compared; times left out, as they differ.</summary>
    [SkippableFact]
    public async Task ASavedCohort_ItsVersions_EvaluationsAndChanges_AreAsOnSqlite()
    {
        var name = "Parity " + Guid.NewGuid().ToString("N");
        async Task<string> LifeOnAsync(PhmApiFactory hub)
        {
            var clinician = hub.AsClinician(GovernanceTests.PcnA, subject: "parity");
            var id = (await clinician.PostGraphQLAsync("mutation($input: SaveCohortInput!) { saveCohort(input: $input) { id } }",
                new { input = new { name, criteria = new { register = new { register = "HEART_FAILURE" } } } }))
                .Json.GetProperty("data").GetProperty("saveCohort").GetProperty("id").GetString();
            var first = (await clinician.PostGraphQLAsync("mutation($id: ID!) { evaluateSavedCohort(id: $id) { evaluatedAt } }", new { id }))
                .Json.GetProperty("data").GetProperty("evaluateSavedCohort").GetProperty("evaluatedAt").GetString();
            await clinician.PostGraphQLAsync("mutation($id: ID!, $input: ReviseCohortInput!) { reviseCohort(id: $id, input: $input) { version } }",
                new { id, input = new { name, criteria = new { all = new object[] { new { register = new { register = "HEART_FAILURE" } }, new { sex = "FEMALE" } } } } });
            await clinician.PostGraphQLAsync("mutation($id: ID!) { evaluateSavedCohort(id: $id) { count } }", new { id });
            var read = await clinician.PostGraphQLAsync("""
                query($id: ID!, $since: DateTimeOffset!) {
                  cohort(id: $id) { version owner authoredBy criteriaJson latestEvaluation { version count referenceDate } evaluate { count members(first: 50) { edges { node { patient { id } } } } } }
                  first: cohort(id: $id, version: 1) { version criteriaJson }
                  cohortChanges(id: $id, since: $since) { enteredCount leftCount entered { id } left { id } from { version count } to { version count } }
                  entered: cohort(id: $id) { evaluate(enteredSince: $since, filter: { sex: FEMALE }) { count members(first: 50) { edges { node { patient { id } } } } } }
                }
                """, new { id, since = first });
            return read.Body;
        }

        var onServer = await LifeOnAsync(server.Hub);
        var onSqlite = await LifeOnAsync(sqlite);

        Assert.Contains("\"leftCount\":", onSqlite, StringComparison.Ordinal);
        Assert.DoesNotContain("\"errors\"", onSqlite, StringComparison.Ordinal);
        Assert.Equal(onSqlite, onServer);
    }
}
