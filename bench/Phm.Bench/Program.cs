using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Phm.Data.Governance;
using Phm.Data.Store;

// Prints the foundation's performance figures on this machine:
//   dotnet run -c Release --project bench/Phm.Bench [-- --population N] [--postgres "Host=…;Username=…;Password=…"]
// 1. first start (build the store from nothing and score it with the committed risk models, as the hub does) and restart (reuse it) of the embedded store, and with --postgres the same
//    on PostgreSQL, in a database of its own that the role creates and the bench drops (issue target: within 2x of SQLite);
// 2. GraphQL latencies through the hub's HTTP pipeline (in-process server) on the SQLite store, after a warm-up;
// 3. how fast abusive documents are refused, and what the directive bomb would cost GraphQL.NET's validation without the lexical limits;
// 4. the risk features of the whole population (FeatureBench.cs), on SQLite and with --postgres on PostgreSQL;
// 5. writing two models' risk scores for the whole population, then replacing one (ScoreWriteBench.cs), likewise.
// With --first-start, instead: the SQLite first start alone, with the wall-clock and CPU seconds of each phase (FirstStartBench.cs).
// With --ingest [--patients N] [--bundle-copies N], instead: CSV and FHIR ingest rates into SQLite (IngestBench.cs).
// With --risk [--data-directory D] [--train], instead: the committed risk models' scoring rates on the store in D (built
// there if missing; default data/), and with --train each model's training time (RiskBench.cs).
// With --segmentation [--data-directory D] [--postgres …], instead: the segmentation and a cohort characterisation on the store
// in D, or on PostgreSQL in the database the connection string names (built there if missing) (SegmentationBench.cs).
// With --cohorts [--data-directory D] [--postgres …] [--requests N], instead: each One Team cohort's count and first page with
// why, and the impactability worklist orders, through the hub on that store (CohortBench.cs).
var population = args.SkipWhile(a => a != "--population").Skip(1).Select(int.Parse).FirstOrDefault();
var postgres = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault();
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");

if (args.Contains("--load") || args.Contains("--growth"))
{
    if (LoadSettingsOrNull(args) is not { } loadSettings)
        return 2;
    if (args.Contains("--load"))
        return await Phm.Bench.Load.LoadBench.RunAsync(loadSettings);
    var shortGrowth = args.Contains("--short") || Environment.GetEnvironmentVariable("PHM_LOAD_SHORT") == "1";
    var sizes = (args.SkipWhile(a => a != "--populations").Skip(1).FirstOrDefault() ?? (shortGrowth ? "20000,50000" : "50000,300000,2000000"))
        .Split(',').Select(int.Parse).ToList();
    var ingestPatients = args.SkipWhile(a => a != "--ingest-patients").Skip(1).Select(int.Parse).DefaultIfEmpty(shortGrowth ? 5_000 : 20_000).First();
    return await Phm.Bench.Load.GrowthBench.RunAsync(loadSettings with { Runs = 1 }, sizes, ingestPatients);
}

if (args.Contains("--ingest"))
{
    await Phm.Bench.IngestBench.RunAsync(
        args.SkipWhile(a => a != "--patients").Skip(1).Select(int.Parse).DefaultIfEmpty(100_000).First(),
        args.SkipWhile(a => a != "--bundle-copies").Skip(1).Select(int.Parse).DefaultIfEmpty(100).First(),
        Path.Combine("tests", "Phm.Data.Tests", "Ingest", "Fixtures", "synthea"));
    return 0;
}

if (args.Contains("--risk"))
{
    await Phm.Bench.RiskBench.RunAsync(args.SkipWhile(a => a != "--data-directory").Skip(1).DefaultIfEmpty("data").First(), args.Contains("--train"));
    return 0;
}

if (args.Contains("--segmentation"))
{
    await Phm.Bench.SegmentationBench.RunAsync(
        args.SkipWhile(a => a != "--data-directory").Skip(1).DefaultIfEmpty("data").First(),
        postgres is null ? new PhmDatabaseOptions() : new PhmDatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = postgres });
    return 0;
}

if (args.Contains("--cohorts"))
{
    await Phm.Bench.CohortBench.RunAsync(
        args.SkipWhile(a => a != "--data-directory").Skip(1).DefaultIfEmpty("data").First(),
        postgres is null ? new PhmDatabaseOptions() : new PhmDatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = postgres },
        args.SkipWhile(a => a != "--requests").Skip(1).Select(int.Parse).DefaultIfEmpty(20).First());
    return 0;
}

var directory = Path.Combine(Path.GetTempPath(), "phm-bench-" + Environment.ProcessId);
if (args.Contains("--first-start"))
{
    await Phm.Bench.FirstStartBench.RunAsync(directory, population > 0 ? population : null);
    return 0;
}
var sqlite = await TimeFirstStartAndRestartAsync("SQLite", new PhmDatabaseOptions(), TimeQueriesAsync);
if (postgres is not null)
{
    var database = new DbConnectionStringBuilder { ConnectionString = postgres };
    database["Database"] = "phm_bench_" + Environment.ProcessId;
    var onPostgres = await TimeFirstStartAndRestartAsync("PostgreSQL", new PhmDatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = database.ConnectionString }, whileReady: null);
    Console.WriteLine($"PostgreSQL first start: {onPostgres / sqlite:F2}x SQLite's (target ≤ 2x)");
}
return 0;

async Task<double> TimeFirstStartAndRestartAsync(string name, PhmDatabaseOptions database, Func<StoreManifest, Task>? whileReady)
{
    var options = new PhmOptions { DataDirectory = directory, Population = population > 0 ? population : null, Database = database };
    var store = new PhmStore(Options.Create(options), TimeProvider.System, NullLogger<PhmStore>.Instance);
    try
    {
        // As the hub starts: the store, with the committed models' scores written into it before it is published.
        var start = await Phm.Bench.TimedFirstStart.RunAsync(store, Phm.Bench.Load.GrowthBench.ScoringOf(store));
        var (manifest, built, firstStart) = (start.Manifest, start.Built.Seconds, start.Done.Seconds);
        Console.WriteLine($"{name} first start: {manifest.Population:N0} patients built in {built:F1} s, risk models scored and the store published in {firstStart - built:F1} s, "
            + $"{firstStart:F1} s in all (target < 45 s at ~300k); peak working set so far {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576:N0} MB");

        var watch = Stopwatch.StartNew();
        await store.EnsureReadyAsync(CancellationToken.None);
        Console.WriteLine($"{name} restart: store reused in {watch.Elapsed.TotalSeconds:F2} s (target < 5 s)");
        await Phm.Bench.FeatureBench.RunAsync(name, store, manifest);
        await Phm.Bench.ScoreWriteBench.RunAsync(name, store, manifest);
        if (whileReady is not null)
            await whileReady(manifest);
        return firstStart;
    }
    finally
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
        else
        {
            await using var db = store.CreateContext();
            await db.Database.EnsureDeletedAsync();
        }
    }
}

async Task TimeQueriesAsync(StoreManifest manifest)
{
    // Any Phm.Api type locates the hub's entry point (this program has a Program of its own).
    await using var hub = new WebApplicationFactory<Phm.Api.PhmSchema>().WithWebHostBuilder(builder => builder
        .UseSetting("Phm:DataDirectory", directory)
        .UseSetting("Phm:Population", manifest.Population.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("Logging:LogLevel:Default", "Warning")
        // A 300 KB bomb must reach the lexical check rather than stop at the body-size limit.
        .UseSetting("Phm:GraphQL:MaxRequestBodyBytes", "1048576"));
    // Patient-level reads need a clinician of the PCN they read; tokens are issued with the hub's own key, as `phm token` does.
    var issuer = new LocalTokenIssuer(hub.Services.GetRequiredService<SymmetricSecurityKey>(), TimeProvider.System);
    using var client = ClientOf(hub, issuer.Issue("bench", PhmRoles.Clinician, "U97340", TimeSpan.FromHours(1)));
    using var centralClient = ClientOf(hub, issuer.Issue("bench-central", PhmRoles.Clinician, "U18986", TimeSpan.FromHours(1)));
    await TimeQueryAsync(client, "patients(first: 50, filter: {pcn, nationalQuintile: 1, registers: [HEART_FAILURE]}) (target p95 < 50 ms)",
        """{ patients(first: 50, filter: { pcn: "U97340", nationalQuintile: 1, registers: [HEART_FAILURE] }) { totalCount edges { cursor node { id age sex practice { code } lsoa { code nationalQuintile } conditions { register onsetDate } } } } }""");
    await TimeQueryAsync(centralClient, "patients(first: 50, filter: {practice, ageFrom: 65}) with activity counts",
        """{ patients(first: 50, filter: { practice: "J82081", ageFrom: 65 }) { edges { node { id activityCounts { kind count } } } } }""");
    await TimeQueryAsync(client, "practices with their PCN", """{ practices { code name listSize pcn { code name } } }""");
    await TimeQueryAsync(client, "deprivationProfile(groupBy: PCN)", """{ deprivationProfile(groupBy: PCN) { group { code name } patients } }""");
    await TimeQueryAsync(client, "patients(first: 50, filter: {risk: {model, tiers: [VERY_HIGH, HIGH]}}, orderBy: RISK_DESC) with their risk, as a PCN clinician",
        """{ patients(first: 50, filter: { risk: { model: "emergency-admission-12m", tiers: [VERY_HIGH, HIGH] } }, orderBy: RISK_DESC) { totalCount edges { cursor node { id practice { code } risk(model: "emergency-admission-12m") { probability percentile tier contributions { words } } } } } }""");

    // Issue 12's targets at the default population: each One Team cohort's count (p95 < 150 ms) and its first page of 50
    // members with why (< 300 ms), as a clinician of the cohort's PCN.
    foreach (var cohort in Phm.Data.Cohorts.OneTeamCohorts.Defaults)
    {
        using var teamClient = ClientOf(hub, issuer.Issue("bench-" + cohort.PcnCode, PhmRoles.Clinician, cohort.PcnCode, TimeSpan.FromHours(1)));
        await TimeQueryAsync(teamClient, $"One Team cohort {cohort.Key}: count (target p95 < 150 ms)", $$"""{ cohort(id: "{{cohort.Key}}") { evaluate { count } } }""");
        await TimeQueryAsync(teamClient, $"One Team cohort {cohort.Key}: first 50 members with why (target < 300 ms)",
            $$"""{ cohort(id: "{{cohort.Key}}") { evaluate { members(first: 50) { edges { node { patient { id age } why { text held } } } } } } }""");
    }

    var directiveBomb = "{ pcns { code" + string.Concat(Enumerable.Repeat(" @skip(if: false)", 300 * 1024 / 17)) + " } }";
    var aliasBomb = "{ " + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"a{i}: pcns {{ code }} ")) + "}";
    var nestingBomb = "{ " + string.Concat(Enumerable.Repeat("practices { pcn { ", 5_000)) + "code" + new string('}', 10_000) + " }";
    var depthBomb = "{ " + string.Concat(Enumerable.Repeat("practices { pcn { ", 9)) + "code" + new string('}', 18) + " }";
    var complexityBomb = "{ " + string.Concat(Enumerable.Range(0, 5).Select(i => $"p{i}: patients(first: 500) {{ edges {{ node {{ id conditions {{ register }} activity {{ kind date }} }} }} }} ")) + "}";
    await TimeRefusalAsync(client, $"directive bomb, {directiveBomb.Length / 1024} KB of @skip(if: false)", directiveBomb, "TOO_MANY_DIRECTIVES");
    await TimeRefusalAsync(client, $"alias bomb, {aliasBomb.Length / 1024} KB", aliasBomb, "TOO_MANY_ALIASES");
    await TimeRefusalAsync(client, $"nesting bomb, 10,000 levels", nestingBomb, "TOO_DEEPLY_NESTED");
    await TimeRefusalAsync(client, "depth bomb, 18 levels (analyzer)", depthBomb, "COMPLEXITY");
    await TimeRefusalAsync(client, "complexity bomb, 5 pages of 500 with lists (analyzer)", complexityBomb, "COMPLEXITY");

    await using var unguarded = hub.WithWebHostBuilder(builder => builder
        .UseSetting("Phm:GraphQL:Document:MaxTokens", "10000000")
        .UseSetting("Phm:GraphQL:Document:MaxDirectives", "10000000"));
    using var unguardedClient = unguarded.CreateClient();
    var unguardedWatch = Stopwatch.StartNew();
    using (var response = await unguardedClient.PostAsJsonAsync("/graphql", new { query = directiveBomb }))
        await response.Content.ReadAsStringAsync();
    Console.WriteLine($"The same directive bomb without the lexical limits (parse + validation): {unguardedWatch.Elapsed.TotalMilliseconds:F0} ms");
}

static HttpClient ClientOf(WebApplicationFactory<Phm.Api.PhmSchema> hub, string bearerToken)
{
    var client = hub.CreateClient();
    client.DefaultRequestHeaders.Authorization = new("Bearer", bearerToken);
    return client;
}

static async Task TimeQueryAsync(HttpClient client, string name, string query)
{
    const int warmUp = 30, measured = 300;
    var timings = await TimeRequestsAsync(client, query, warmUp, measured, (response, body) =>
        response.IsSuccessStatusCode && !body.Contains("\"errors\"", StringComparison.Ordinal) ? null : $"{name} failed: {(int)response.StatusCode} {body}");
    Console.WriteLine($"{name}: p50 {Percentile(timings, 0.50):F1} ms, p95 {Percentile(timings, 0.95):F1} ms, max {timings[^1]:F1} ms over {measured} requests");
}

static async Task TimeRefusalAsync(HttpClient client, string name, string query, string code)
{
    const int warmUp = 3, measured = 20;
    var timings = await TimeRequestsAsync(client, query, warmUp, measured, (response, body) =>
        body.Contains($"\"code\":\"{code}\"", StringComparison.Ordinal) ? null : $"{name} was not refused with {code}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
    Console.WriteLine($"Refused {name} with {code}: median {Percentile(timings, 0.50):F1} ms, max {timings[^1]:F1} ms over {measured} requests");
}

// Sorted milliseconds of the measured requests; `problem` names a wrong answer, which stops the bench.
static async Task<List<double>> TimeRequestsAsync(HttpClient client, string query, int warmUp, int measured, Func<HttpResponseMessage, string, string?> problem)
{
    var timings = new List<double>(measured);
    for (var i = 0; i < warmUp + measured; i++)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync("/graphql", new { query });
        var body = await response.Content.ReadAsStringAsync();
        watch.Stop();
        if (problem(response, body) is { } wrong)
            throw new InvalidOperationException(wrong);
        if (i >= warmUp)
            timings.Add(watch.Elapsed.TotalMilliseconds);
    }

    timings.Sort();
    return timings;
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

// A bad option of the load or growth bench is one line naming it, not a stack trace.
static Phm.Bench.Load.LoadSettings? LoadSettingsOrNull(string[] args)
{
    try
    {
        return Phm.Bench.Load.LoadSettings.From(args);
    }
    catch (Exception e) when (e is ArgumentException or FormatException)
    {
        Console.Error.WriteLine(e.Message);
        return null;
    }
}
