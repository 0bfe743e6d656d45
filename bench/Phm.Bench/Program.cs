using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Phm.Data.Store;

// Prints the foundation's performance figures on this machine:
//   dotnet run -c Release --project bench/Phm.Bench [-- --population N]
// 1. first start: build the embedded store from nothing; 2. restart: reuse it;
// 3. GraphQL latencies through the hub's HTTP pipeline (in-process server; any Phm.Api type locates its entry point);
// 4. how fast abusive documents are refused, and what the directive bomb would cost GraphQL.NET's validation without the lexical limits.
var population = args.SkipWhile(a => a != "--population").Skip(1).Select(int.Parse).FirstOrDefault();
var directory = Path.Combine(Path.GetTempPath(), "phm-bench-" + Environment.ProcessId);
var options = new PhmOptions { DataDirectory = directory, Population = population > 0 ? population : null };
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");

try
{
    var watch = Stopwatch.StartNew();
    var manifest = await NewStore().EnsureReadyAsync(CancellationToken.None);
    Console.WriteLine($"First start: {manifest.Population:N0} patients built in {watch.Elapsed.TotalSeconds:F1} s (target < 90 s at ~300k); peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576:N0} MB");

    watch.Restart();
    await NewStore().EnsureReadyAsync(CancellationToken.None);
    Console.WriteLine($"Restart: store reused in {watch.Elapsed.TotalSeconds:F2} s (target < 5 s)");

    await using var hub = new WebApplicationFactory<Phm.Api.PhmSchema>().WithWebHostBuilder(builder => builder
        .UseSetting("Phm:DataDirectory", directory)
        .UseSetting("Phm:Population", manifest.Population.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("Logging:LogLevel:Default", "Warning")
        // A 300 KB bomb must reach the lexical check rather than stop at the body-size limit.
        .UseSetting("Phm:GraphQL:MaxRequestBodyBytes", "1048576"));
    using var client = hub.CreateClient();
    await Time(client, "patients(first: 50, filter: {pcn, nationalQuintile: 1, registers: [HEART_FAILURE]}) (target p95 < 50 ms)",
        """{ patients(first: 50, filter: { pcn: "U97340", nationalQuintile: 1, registers: [HEART_FAILURE] }) { totalCount edges { cursor node { id age sex practice { code } lsoa { code nationalQuintile } conditions { register onsetDate } } } } }""");
    await Time(client, "patients(first: 50, filter: {practice, ageFrom: 65}) with activity counts",
        """{ patients(first: 50, filter: { practice: "J82081", ageFrom: 65 }) { edges { node { id activityCounts { kind count } } } } }""");
    await Time(client, "practices with their PCN", """{ practices { code name listSize pcn { code name } } }""");
    await Time(client, "deprivationProfile(groupBy: PCN)", """{ deprivationProfile(groupBy: PCN) { group { code name } patients } }""");

    var directiveBomb = "{ pcns { code" + string.Concat(Enumerable.Repeat(" @skip(if: false)", 300 * 1024 / 17)) + " } }";
    var aliasBomb = "{ " + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"a{i}: pcns {{ code }} ")) + "}";
    var nestingBomb = "{ " + string.Concat(Enumerable.Repeat("practices { pcn { ", 5_000)) + "code" + new string('}', 10_000) + " }";
    var depthBomb = "{ " + string.Concat(Enumerable.Repeat("practices { pcn { ", 9)) + "code" + new string('}', 18) + " }";
    var complexityBomb = "{ " + string.Concat(Enumerable.Range(0, 5).Select(i => $"p{i}: patients(first: 500) {{ edges {{ node {{ id conditions {{ register }} activity {{ kind date }} }} }} }} ")) + "}";
    await TimeRefusal(client, $"directive bomb, {directiveBomb.Length / 1024} KB of @skip(if: false)", directiveBomb, "TOO_MANY_DIRECTIVES");
    await TimeRefusal(client, $"alias bomb, {aliasBomb.Length / 1024} KB", aliasBomb, "TOO_MANY_ALIASES");
    await TimeRefusal(client, $"nesting bomb, 10,000 levels", nestingBomb, "TOO_DEEPLY_NESTED");
    await TimeRefusal(client, "depth bomb, 18 levels (analyzer)", depthBomb, "COMPLEXITY");
    await TimeRefusal(client, "complexity bomb, 5 pages of 500 with lists (analyzer)", complexityBomb, "COMPLEXITY");

    await using var unguarded = hub.WithWebHostBuilder(builder => builder
        .UseSetting("Phm:GraphQL:Document:MaxTokens", "10000000")
        .UseSetting("Phm:GraphQL:Document:MaxDirectives", "10000000"));
    using var unguardedClient = unguarded.CreateClient();
    var unguardedWatch = Stopwatch.StartNew();
    using (var response = await unguardedClient.PostAsJsonAsync("/graphql", new { query = directiveBomb }))
        await response.Content.ReadAsStringAsync();
    Console.WriteLine($"The same directive bomb without the lexical limits (parse + validation): {unguardedWatch.Elapsed.TotalMilliseconds:F0} ms");
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(directory, recursive: true);
}

PhmStore NewStore() => new(Options.Create(options), TimeProvider.System, NullLogger<PhmStore>.Instance);

static async Task Time(HttpClient client, string name, string query)
{
    const int warmUp = 30, measured = 300;
    var timings = new List<double>(measured);
    for (var i = 0; i < warmUp + measured; i++)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync("/graphql", new { query });
        var body = await response.Content.ReadAsStringAsync();
        watch.Stop();
        if (!response.IsSuccessStatusCode || body.Contains("\"errors\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"{name} failed: {(int)response.StatusCode} {body}");
        if (i >= warmUp)
            timings.Add(watch.Elapsed.TotalMilliseconds);
    }

    timings.Sort();
    Console.WriteLine($"{name}: p50 {Percentile(0.50):F1} ms, p95 {Percentile(0.95):F1} ms, max {timings[^1]:F1} ms over {measured} requests");

    double Percentile(double p) => timings[Math.Min(timings.Count - 1, (int)Math.Ceiling(p * timings.Count) - 1)];
}

static async Task TimeRefusal(HttpClient client, string name, string query, string code)
{
    const int warmUp = 3, measured = 20;
    var timings = new List<double>(measured);
    for (var i = 0; i < warmUp + measured; i++)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync("/graphql", new { query });
        var body = await response.Content.ReadAsStringAsync();
        watch.Stop();
        if (!body.Contains($"\"code\":\"{code}\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"{name} was not refused with {code}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        if (i >= warmUp)
            timings.Add(watch.Elapsed.TotalMilliseconds);
    }
    timings.Sort();
    Console.WriteLine($"Refused {name} with {code}: median {timings[measured / 2]:F1} ms, max {timings[^1]:F1} ms over {measured} requests");
}
