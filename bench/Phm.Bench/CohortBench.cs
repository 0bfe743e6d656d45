using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Phm.Data.Cohorts;
using Phm.Data.Governance;
using Phm.Data.Store;

namespace Phm.Bench;

/// <summary>
/// Issue 12's cohort targets on an existing store (built in the given folder, or the PostgreSQL database the connection string
/// names, if not there yet), through the hub's HTTP pipeline as a clinician of each cohort's PCN: each One Team cohort's count
/// (target p95 under 150 ms) and first page of 50 members with why (under 300 ms), then worklist orders that have been slow on
/// PostgreSQL (IMPACTABILITY_DESC; a register count with any of the impactability signals). A few requests each after a warm-up,
/// as the store is the city's. CPU per request is the process's (the hub is in it), which load inflates less than wall-clock.
/// </summary>
internal static class CohortBench
{
    public static async Task RunAsync(string dataDirectory, PhmDatabaseOptions database, int requests)
    {
        await using var hub = new WebApplicationFactory<Phm.Api.PhmSchema>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Phm:DataDirectory", dataDirectory).UseSetting("Logging:LogLevel:Default", "Warning");
            if (database.Provider != DatabaseProvider.Sqlite)
                builder.UseSetting("Phm:Database:Provider", database.Provider.ToString()).UseSetting("ConnectionStrings:Phm", database.ConnectionString);
        });
        var issuer = new LocalTokenIssuer(hub.Services.GetRequiredService<SymmetricSecurityKey>(), TimeProvider.System);
        Console.WriteLine($"Cohorts on {database.Provider}, {requests} requests each after a warm-up:");
        foreach (var cohort in OneTeamCohorts.Defaults)
        {
            using var client = ClientOf(hub, issuer.Issue("bench-" + cohort.PcnCode, PhmRoles.Clinician, cohort.PcnCode, TimeSpan.FromHours(1)));
            await TimeAsync(client, requests, $"{cohort.Key}: count (target p95 < 150 ms)", $$"""{ cohort(id: "{{cohort.Key}}") { evaluate { count } } }""");
            await TimeAsync(client, requests, $"{cohort.Key}: first 50 members with why (target < 300 ms)",
                $$"""{ cohort(id: "{{cohort.Key}}") { evaluate { members(first: 50) { edges { node { patient { id age } why { text held } } } } } } }""");
        }

        using var woolston = ClientOf(hub, issuer.Issue("bench-woolston", PhmRoles.Clinician, OneTeamCohorts.WoolstonTownhill, TimeSpan.FromHours(1)));
        await TimeAsync(woolston, requests, "woolston-townhill-ld-complexity: first 50 members IMPACTABILITY_DESC with why",
            """{ cohort(id: "woolston-townhill-ld-complexity") { evaluate { members(first: 50, orderBy: IMPACTABILITY_DESC) { edges { node { patient { id impactability { signal } } why { text held } } } } } } }""");
        await TimeAsync(woolston, requests, "evaluateCohort(registerCount >= 3 and any impactability signal): count and first 50 IMPACTABILITY_DESC",
            """{ evaluateCohort(criteria: { all: [{ registerCount: { atLeast: 3 } }, { any: [{ impactability: AMBULATORY_CARE_SENSITIVE_ADMISSIONS }, { impactability: TOP_RISK_WITHOUT_CARE_PLAN }, { impactability: FREQUENT_URGENT_CARE_WITHOUT_REVIEW }, { impactability: LAST_YEAR_OF_LIFE_WITHOUT_END_OF_LIFE_REGISTER }] }] }) { count members(first: 50, orderBy: IMPACTABILITY_DESC) { edges { node { patient { id } why { text held } } } } } }""");
    }

    private static HttpClient ClientOf(WebApplicationFactory<Phm.Api.PhmSchema> hub, string bearerToken)
    {
        var client = hub.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(5);
        client.DefaultRequestHeaders.Authorization = new("Bearer", bearerToken);
        return client;
    }

    private static async Task TimeAsync(HttpClient client, int requests, string name, string query)
    {
        var timings = new List<double>();
        var cpu = TimeSpan.Zero;
        for (var i = 0; i < requests + 2; i++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsJsonAsync("/graphql", new { query });
            var body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (!response.IsSuccessStatusCode || body.Contains("\"errors\"", StringComparison.Ordinal))
            {
                // A timeout is a figure too: say so and go on to the next.
                Console.WriteLine($"  {name}: failed after {watch.Elapsed.TotalMilliseconds:F0} ms: {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
                return;
            }
            // The first two warm the caches and compile the query.
            if (i >= 2)
            {
                timings.Add(watch.Elapsed.TotalMilliseconds);
                cpu += IngestBench.CpuSince(cpuBefore);
            }
        }
        timings.Sort();
        var p95 = timings[Math.Min(timings.Count - 1, (int)Math.Ceiling(0.95 * timings.Count) - 1)];
        Console.WriteLine($"  {name}: p50 {timings[timings.Count / 2]:F0} ms, p95 {p95:F0} ms, max {timings[^1]:F0} ms; CPU {cpu.TotalMilliseconds / timings.Count:F0} ms/request");
    }
}
