using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Phm.Data.Store;
using Phm.Testing;

namespace Phm.Api.Tests.Replicas;

/// <summary>
/// Two hub processes on one PostgreSQL database, as two replicas behind a load balancer would run: started together (one builds
/// the store, the other waits and reuses it), each with a data folder of its own and the signing key from configuration. They
/// answer every representative request byte for byte alike, each accepts tokens the other minted, and both write the one audit trail.
/// </summary>
public sealed class TwoHubsTests : IAsyncLifetime
{
    // Enough for every representative request to return rows; few, since each hub process scores them with the real models.
    private const int Population = 1500;

    private const string PracticeList = """{ practices { code name listSize pcn { code name } } }""";
    private const string PatientPage =
        $$"""{ patients(first: 20, filter: { pcn: "{{GovernanceTests.PcnA}}", ageFrom: 65 }) { totalCount edges { cursor node { id age sex practice { code } lsoa { code nationalQuintile } conditions { register onsetDate } } } } }""";
    private const string RiskPage =
        """{ patients(first: 20, filter: { risk: { model: "emergency-admission-12m", tiers: [VERY_HIGH, HIGH] } }, orderBy: RISK_DESC) { totalCount edges { node { id risk(model: "emergency-admission-12m") { probability percentile tier } } } } }""";
    private const string DeprivationProfile = """{ deprivationProfile(groupBy: PCN) { group { code name } patients } }""";
    private const string OneTeamCohortCount = """{ cohort(id: "bitterne-hiu-heart-failure") { name evaluate { count } } }""";

    private string? _connectionString;
    private readonly List<Hub> _hubs = [];

    public Task InitializeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task TwoHubs_OnOneDatabase_AnswerAlike_AcceptEachOthersTokens_AndBothAudit()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var started = await Task.WhenAll(Hub.StartAsync(Database(), key), Hub.StartAsync(Database(), key));
        _hubs.AddRange(started);
        var (a, b) = (started[0], started[1]);

        // Each request goes to both hubs with a token one of them minted; the detail of a patient is asked for by id from the page.
        var mintedByA = await a.MintAsync("clinician", GovernanceTests.PcnA, "clinician-via-a");
        var mintedByB = await b.MintAsync("analyst", pcn: null, "analyst-via-b");
        var page = await a.PostAsync(PatientPage, mintedByA);
        var patientId = JsonDocument.Parse(page.Body).RootElement.GetProperty("data").GetProperty("patients").GetProperty("edges")[0].GetProperty("node").GetProperty("id").GetString();
        var detail = $$"""{ patient(id: "{{patientId}}") { id age sex conditions { register onsetDate } activityCounts { kind count } } }""";
        (string Query, string Token)[] requests =
        [
            (PracticeList, mintedByA), (PatientPage, mintedByA), (detail, mintedByA), (RiskPage, mintedByA),
            (DeprivationProfile, mintedByB), (OneTeamCohortCount, mintedByB),
        ];
        foreach (var (query, token) in requests)
        {
            var fromA = await a.PostAsync(query, token);
            var fromB = await b.PostAsync(query, token);

            Assert.Equal(HttpStatusCode.OK, fromA.Status);
            Assert.False(JsonDocument.Parse(fromA.Body).RootElement.TryGetProperty("errors", out _), $"{query}\n{fromA.Body}");
            Assert.Equal(fromA.Body, fromB.Body);
        }

        // Patient reads by a subject that only hub A serves and one that only hub B serves, each with a token the other hub minted.
        var onlyViaA = await b.MintAsync("clinician", GovernanceTests.PcnA, "only-via-a");
        var onlyViaB = await a.MintAsync("clinician", GovernanceTests.PcnA, "only-via-b");
        Assert.Equal(HttpStatusCode.OK, (await a.PostAsync(detail, onlyViaA)).Status);
        Assert.Equal(HttpStatusCode.OK, (await b.PostAsync(detail, onlyViaB)).Status);
        var admin = await a.MintAsync("admin", pcn: null, "auditor");
        await AuditedAsync(b, admin, "only-via-a", "only-via-b");
    }

    /// <summary>Waits (the writer saves every 100 ms) until the audit trail, read through <paramref name="hub"/>, names every subject.</summary>
    private static async Task AuditedAsync(Hub hub, string adminToken, params string[] subjects)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var events = await hub.PostAsync("""{ auditEvents(first: 100) { edges { node { subject field } } } }""", adminToken);
            var audited = JsonDocument.Parse(events.Body).RootElement.GetProperty("data").GetProperty("auditEvents").GetProperty("edges").EnumerateArray()
                .Where(e => e.GetProperty("node").GetProperty("field").GetString() == "patient")
                .Select(e => e.GetProperty("node").GetProperty("subject").GetString()).ToHashSet();
            if (subjects.All(audited.Contains))
                return;
            Assert.True(DateTime.UtcNow < deadline, $"The audit trail names {string.Join(", ", audited)}, not all of {string.Join(", ", subjects)}.");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>A database of the shared test server's for this test alone (dropped afterwards); skips when there is no server.</summary>
    private string Database()
    {
        if (_connectionString is not null)
            return _connectionString;
        if (Environment.GetEnvironmentVariable("PHM_TEST_POSTGRES") is not { Length: > 0 } server)
        {
            if (Environment.GetEnvironmentVariable("PHM_REQUIRE_POSTGRES") == "1")
                throw new InvalidOperationException("PHM_REQUIRE_POSTGRES=1 but PHM_TEST_POSTGRES is not set: run .ci/pg-setup.sh first.");
            Skip.If(true, "PostgreSQL is not configured: set PHM_TEST_POSTGRES.");
            throw new UnreachableException();
        }
        var builder = new DbConnectionStringBuilder { ConnectionString = server };
        // PHM_TEST_DATABASE_PREFIX keeps the databases of runs that share a server apart by name, as for the other server tests.
        builder["Database"] = (Environment.GetEnvironmentVariable("PHM_TEST_DATABASE_PREFIX") ?? "phm_replicas_") + Guid.NewGuid().ToString("N");
        return _connectionString = builder.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        foreach (var hub in _hubs)
            await hub.DisposeAsync();
        if (_connectionString is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var db = PhmDatabase.CreateContext(DatabaseProvider.Postgres, _connectionString);
            await db.Database.EnsureDeletedAsync();
        }
    }

    /// <summary>
    /// The hub as a process of its own (<c>dotnet Phm.Api.dll</c>, from this test's output, where the hub's build is copied), in
    /// Development so that its sign-in endpoint mints tokens, on a free loopback port, with a data folder of its own.
    /// </summary>
    private sealed class Hub : IAsyncDisposable
    {
        private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

        private readonly HubProcess _process;
        private readonly HttpClient _client;

        private Hub(HubProcess process)
        {
            _process = process;
            _client = new HttpClient { BaseAddress = process.Address, Timeout = TimeSpan.FromSeconds(60) };
        }

        public static async Task<Hub> StartAsync(string connectionString, string signingKey) =>
            new(await HubProcess.StartInTemporaryFolderAsync(
                Path.Combine(AppContext.BaseDirectory, "Phm.Api.dll"), "phm-two-hubs-", HubProcess.FreePort(), "Development",
                dataDirectory => new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["Phm:Population"] = Population.ToString(CultureInfo.InvariantCulture),
                    ["Phm:Seed"] = PhmApiFactory.Seed.ToString(CultureInfo.InvariantCulture),
                    ["Phm:DataDirectory"] = dataDirectory,
                    ["Phm:Database:Provider"] = "Postgres",
                    ["ConnectionStrings:Phm"] = connectionString,
                    ["Phm:Auth:SigningKey"] = signingKey,
                },
                StartTimeout));

        /// <summary>A token from the hub's Development sign-in endpoint, signed with its key.</summary>
        public async Task<string> MintAsync(string role, string? pcn, string subject)
        {
            var form = new Dictionary<string, string> { ["role"] = role, ["subject"] = subject };
            if (pcn is not null)
                form["pcn"] = pcn;
            using var response = await _client.PostAsync("dev/token", new FormUrlEncodedContent(form));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, body);
            return body;
        }

        public async Task<(HttpStatusCode Status, string Body)> PostAsync(string query, string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json") };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await _process.DisposeAsync();
        }
    }
}
