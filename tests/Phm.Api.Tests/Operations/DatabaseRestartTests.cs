using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Governance;
using Phm.Api.Transport;
using Phm.Data.Store;

namespace Phm.Api.Tests.Operations;

/// <summary>
/// PostgreSQL stopped and started again under load, on a private cluster (<see cref="PrivatePostgresCluster"/>): requests fail
/// fast with <c>DATABASE_UNAVAILABLE</c>, none hangs, the hub recovers by itself, and every patient-level read that answered
/// is in the audit trail.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xUnit disposes the hub and the cluster through IAsyncLifetime.")]
public sealed class DatabaseRestartTests : IAsyncLifetime
{
    private const string Subject = "restart-clinician";
    private const string PatientsQuery = """{ patients(first: 5, filter: { alive: true }) { totalCount edges { node { id } } } }""";
    private const string PracticesQuery = """{ practices { code } }""";

    /// <summary>Well under the default 30 s: a request stuck behind a dead server would show as TIMEOUT or a client time-out.</summary>
    private static readonly TimeSpan ExecutionTimeout = TimeSpan.FromSeconds(10);

    private PrivatePostgresCluster? _cluster;
    private RestartHub? _hub;

    public Task InitializeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task ARestartUnderLoad_FailsFastWithACode_RecoversByItself_AndLosesNoAuditRow()
    {
        _cluster = await PrivatePostgresCluster.StartAsync();
        _hub = new RestartHub(_cluster.ConnectionString("phm_faults_restart"), ExecutionTimeout);
        var clinician = _hub.AsClinician(GovernanceTests.PcnA, Subject);
        Assert.Empty((await clinician.PostGraphQLAsync(PatientsQuery)).ErrorCodes);

        // Before: load on a running server. During: the server stopped, the load still coming. Then no load while it starts again.
        var before = await LoadAsync(clinician, TimeSpan.FromSeconds(1.5), stopServerAfter: TimeSpan.FromSeconds(0.5));
        var during = await LoadAsync(clinician, TimeSpan.FromSeconds(2), stopServerAfter: null);
        await _cluster.StartServerAsync();

        // The audit writer saves what it held through the outage by itself: nobody reads patients now to prompt it. A read is
        // recorded as it happens, so a request whose patients were read but whose answer then failed is audited too.
        var answered = before.Concat(during).Count(r => r.PatientsAnswered);
        Assert.InRange(await AuditRowsAsync(answered, limit: TimeSpan.FromSeconds(15)), answered, before.Concat(during).Count(r => r.AskedForPatients));

        var after = await LoadAsync(clinician, TimeSpan.FromSeconds(1.5), stopServerAfter: null);
        var all = before.Concat(during).Concat(after).ToList();
        Assert.All(all, r => Assert.True(r.Ok || r.Codes.All(code => code == GraphQLErrorInfoProvider.DatabaseUnavailableCode),
            $"{r.Status} {string.Join(",", r.Codes)}: every failure says DATABASE_UNAVAILABLE"));
        // 200 once the operation ran (its data says which fields failed); 503 when the database failed it before it began.
        Assert.All(all, r => Assert.True(r.Status == HttpStatusCode.OK || (r.Status == HttpStatusCode.ServiceUnavailable && !r.Ok), $"status {r.Status}"));
        Assert.Contains(during, r => !r.Ok);
        Assert.All(after, r => Assert.True(r.Ok, "after the restart every request succeeds"));
        Assert.All(all, r => Assert.True(r.Elapsed < ExecutionTimeout, $"a request took {r.Elapsed}"));

        // Every read that answered is audited, none twice: at most one row per patient request.
        await _hub.FlushAuditAsync();
        Assert.InRange(await AuditRowsAsync(all.Count(r => r.PatientsAnswered), limit: TimeSpan.Zero), all.Count(r => r.PatientsAnswered), all.Count(r => r.AskedForPatients));
    }

    [SkippableFact]
    public async Task AFastRestartBetweenRequests_CostsNoRequest()
    {
        _cluster = await PrivatePostgresCluster.StartAsync();
        _hub = new RestartHub(_cluster.ConnectionString("phm_faults_fast_restart"), ExecutionTimeout);
        var clinician = _hub.AsClinician(GovernanceTests.PcnA, Subject);
        // Fill the connection pool, whose connections the restart then kills while they sit idle.
        await LoadAsync(clinician, TimeSpan.FromSeconds(1), stopServerAfter: null);

        await _cluster.StopServerAsync();
        await _cluster.StartServerAsync();
        var after = await LoadAsync(clinician, TimeSpan.FromSeconds(1.5), stopServerAfter: null);

        Assert.All(after, r => Assert.True(r.Ok, $"{r.Status} {string.Join(",", r.Codes)}: a read on a dead pooled connection is retried on a new one"));
    }

    private sealed record Reply(bool AskedForPatients, HttpStatusCode Status, IReadOnlyList<string> Codes, bool PatientsAnswered, TimeSpan Elapsed)
    {
        public bool Ok => Status == HttpStatusCode.OK && Codes.Count == 0;
    }

    /// <summary>Six clients, each alternating a patient page (audited) and the practice list, for <paramref name="duration"/>.</summary>
    private async Task<List<Reply>> LoadAsync(HubCaller caller, TimeSpan duration, TimeSpan? stopServerAfter)
    {
        var replies = new ConcurrentBag<Reply>();
        var until = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, 6).Select(client => Task.Run(async () =>
        {
            for (var i = client; until.Elapsed < duration; i++)
            {
                var askForPatients = i % 2 == 0;
                var query = askForPatients ? PatientsQuery : PracticesQuery;
                var watch = Stopwatch.StartNew();
                var response = await caller.PostGraphQLAsync(query);
                var json = response.Json;
                var codes = json.TryGetProperty("errors", out _) ? response.ErrorCodes.Select(c => c ?? "").ToList() : [];
                var patientsAnswered = json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                    && data.TryGetProperty("patients", out var patients) && patients.ValueKind == JsonValueKind.Object;
                replies.Add(new Reply(askForPatients, response.Status, codes, patientsAnswered, watch.Elapsed));
            }
        })).ToList();
        if (stopServerAfter is { } delay)
        {
            await Task.Delay(delay);
            await _cluster!.StopServerAsync();
        }
        await Task.WhenAll(clients);
        return [.. replies];
    }

    /// <summary>The audit rows of the test's clinician's patient reads, once there are <paramref name="expected"/> or when <paramref name="limit"/> is up.</summary>
    private async Task<int> AuditRowsAsync(int expected, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            await using var db = _hub!.CreateStoreContext();
            var rows = await db.AuditEvents.CountAsync(e => e.Subject == Subject && e.Field == "patients");
            if (rows >= expected || watch.Elapsed > limit)
                return rows;
            await Task.Delay(AuditWriter.FlushInterval);
        }
    }

    public async Task DisposeAsync()
    {
        if (_hub is not null)
            await _hub.DisposeAsync();
        if (_cluster is not null)
            await _cluster.DisposeAsync();
    }

    /// <summary>The test hub on the private cluster, with a shorter execution timeout.</summary>
    private sealed class RestartHub(string connectionString, TimeSpan executionTimeout)
        : PhmApiFactory("phm-api-tests-restart-" + Guid.NewGuid().ToString("N"))
    {
        public PhmDbContext CreateStoreContext() => PhmDatabase.CreateContext(DatabaseProvider.Postgres, connectionString);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Phm:Database:Provider", nameof(DatabaseProvider.Postgres));
            builder.UseSetting("ConnectionStrings:Phm", connectionString);
            builder.UseSetting("Phm:GraphQL:ExecutionTimeout", executionTimeout.ToString());
            // Twelve requests at once from one subject are no abuse here.
            builder.UseSetting("Phm:GraphQL:RateLimit:PermitLimit", "0");
        }
    }
}
