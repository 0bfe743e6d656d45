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
}
