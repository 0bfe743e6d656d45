using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Phm.Data.Governance;
using Phm.Data.Store;
using Phm.Testing;

namespace Phm.Bench.Load;

/// <summary>Where and how the load runs; read from the command line (see README "Scaling").</summary>
internal sealed record LoadSettings(string? Postgres, int? Population, LoadShape Shape, int Runs, int RateLimit, int Port, string Work, TimeSpan StartTimeout,
    string DatabasePrefix = "phm_load_", bool OnlyPostgres = false)
{
    public static LoadSettings From(string[] args)
    {
        var shortRun = args.Contains("--short") || Environment.GetEnvironmentVariable("PHM_LOAD_SHORT") == "1";
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        var population = Value("--population") is { } size ? int.Parse(size, CultureInfo.InvariantCulture) : shortRun ? 50_000 : (int?)null;
        var shape = new LoadShape(
            Clients: Number("--clients", shortRun ? 50 : 200),
            WarmUp: TimeSpan.FromSeconds(Number("--warmup", shortRun ? 5 : 10)),
            Duration: TimeSpan.FromSeconds(Number("--duration", shortRun ? 15 : 60)),
            Think: TimeSpan.FromMilliseconds(Number("--think-ms", 10_000)));
        // The mix needs both roles, and one user in ten is the analyst (LoadMix.User): fewer than ten have no analyst.
        if (shape.Clients < 10)
            throw new ArgumentException($"--clients {shape.Clients}: at least 10 are needed, so that the mix has an analyst (one user in ten).");
        return new LoadSettings(
            Value("--postgres") ?? Environment.GetEnvironmentVariable("PHM_LOAD_POSTGRES"),
            population,
            shape,
            Runs: Number("--runs", shortRun ? 2 : 3),
            RateLimit: Number("--rate-limit", 1_200),
            Port: Number("--port", 5160),
            Work: Path.GetFullPath(Value("--work") ?? Path.Combine("bench", ".work", "load")),
            StartTimeout: TimeSpan.FromMinutes(Number("--start-timeout-minutes", 60)),
            DatabasePrefix: Value("--database-prefix") ?? "phm_load_",
            OnlyPostgres: args.Contains("--only-postgres"));
    }

    /// <summary>The PostgreSQL database of a store named <paramref name="name"/> (e.g. the population), under <see cref="DatabasePrefix"/>.</summary>
    public string DatabaseName(string name) => DatabasePrefix + name;

    public string Describe() =>
        $"{Shape.Clients} users, each one request at a time with a mean pause of {Shape.Think.TotalSeconds:F1} s (offered ≈ "
        + $"{(Shape.Think > TimeSpan.Zero ? (Shape.Clients / Shape.Think.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture) : "as fast as answered")} req/s), "
        + $"{Shape.WarmUp.TotalSeconds:F0} s warm-up then {Shape.Duration.TotalSeconds:F0} s measured; rate limit {RateLimit:N0} requests a minute per subject";
}

/// <summary>
/// <c>--load</c>: the mixed load (<see cref="LoadMix"/>) against the hub as deployed (<see cref="StoreSettings.StartHubAsync"/>) on SQLite and,
/// with a PostgreSQL connection string, on PostgreSQL: <see cref="LoadSettings.Runs"/> runs on one hub process, each printing
/// every query's requests/s, p50/p95/p99 and errors and the hub's working set after it; then one subject far above the rate
/// limit, which must get only 200s and 429s with <c>Retry-After</c>.
/// </summary>
internal static class LoadBench
{
    public static async Task<int> RunAsync(LoadSettings settings)
    {
        Console.WriteLine($"Load: {settings.Describe()}.");
        if (settings.OnlyPostgres && settings.Postgres is null)
            throw new ArgumentException("--only-postgres needs --postgres \"Host=…;Username=…;Password=…\" (or PHM_LOAD_POSTGRES).");
        var failures = settings.OnlyPostgres ? 0 : await RunOnAsync("SQLite", settings, StoreSettings.Sqlite(settings, "sqlite"));
        if (settings.Postgres is not null)
            failures += await RunOnAsync("PostgreSQL", settings, StoreSettings.Postgres(settings, settings.Postgres, settings.DatabaseName(settings.Population?.ToString(CultureInfo.InvariantCulture) ?? "city")));
        else
            Console.WriteLine("PostgreSQL: not run (give --postgres \"Host=…;Username=…;Password=…\" or PHM_LOAD_POSTGRES).");
        return failures == 0 ? 0 : 1;
    }

    private static async Task<int> RunOnAsync(string name, LoadSettings settings, StoreSettings store)
    {
        Console.WriteLine($"\n== {name}, {(settings.Population?.ToString("N0", CultureInfo.InvariantCulture) ?? "the city's")} patients; load average {Machine.LoadAverage()} ==");
        var (hub, start) = await store.StartHubAsync(settings);
        await using (hub)
        {
            Console.WriteLine($"Hub ready in {start.TotalSeconds:F1} s (a build and scoring included if the store was missing); store {await store.SizeAsync() / 1048576.0:N0} MB; working set {hub.WorkingSet / 1048576.0:N0} MB");
            var measured = await MeasureAsync(name, hub, store, settings);
            using var http = LoadDriver.ClientFor(hub.Address, 16);
            return measured.Failures + await OverTheRateLimitAsync(http, measured.Users, settings.RateLimit);
        }
    }

    /// <summary>
    /// Each query alone, then the mix <see cref="LoadSettings.Runs"/> times, printing each run, the hub's working set after it and
    /// the CPU per request of the hub and, on PostgreSQL, of the database's backends.
    /// </summary>
    internal static async Task<Measured> MeasureAsync(string name, HubProcess hub, StoreSettings store, LoadSettings settings)
    {
        using var http = LoadDriver.ClientFor(hub.Address, settings.Shape.Clients + 20);
        using var backends = store.Backends();
        var users = await UsersAsync(http, store, settings.Shape.Clients);
        var driver = new LoadDriver(http);
        var alone = await TimeEachAloneAsync(driver, hub, backends, users);
        var failures = 0;
        IReadOnlyList<QueryFigures> figures = [];
        for (var run = 1; run <= settings.Runs; run++)
        {
            var (loadBefore, cpuBefore, databaseBefore) = (Machine.LoadAverage(), hub.ProcessorTime, backends?.ProcessorTime);
            figures = await driver.RunAsync(users, settings.Shape);
            var cpu = hub.ProcessorTime - cpuBefore;
            var database = backends?.ProcessorTime - databaseBefore;
            Console.WriteLine($"Run {run} of {settings.Runs} on {name} (load average {loadBefore} before, {Machine.LoadAverage()} after):");
            LoadDriver.Print(figures);
            var p99 = figures.Where(f => f.Requests > 0).Max(f => f.P99);
            var errors = figures.Sum(f => f.ErrorCount);
            // Requests due in the warm-up are sent too: the CPU is over all of them, at the offered rate.
            var requests = figures.Sum(f => f.Requests) * (settings.Shape.WarmUp + settings.Shape.Duration) / settings.Shape.Duration;
            Console.WriteLine($"  hub working set after run {run}: {hub.WorkingSet / 1048576.0:N0} MB; hub CPU {cpu.TotalSeconds:F0} s over the run "
                + $"({cpu.TotalSeconds / (settings.Shape.WarmUp + settings.Shape.Duration).TotalSeconds * 100:F0}% of one core, {cpu.TotalMilliseconds / requests:F1} ms a request)"
                + (database is { } db ? $"; PostgreSQL backends' CPU {db.TotalSeconds:F0} s ({db.TotalMilliseconds / requests:F1} ms a request)" : "")
                + $"; worst p99 {p99:F0} ms (target < 500), {errors} errors (target 0)");
            failures += errors > 0 || p99 >= 500 ? 1 : 0;
        }
        return new Measured(users, alone, figures, failures);
    }

    /// <summary>
    /// Each query of the mix alone, one request at a time (3 to warm up, then 10), as a user of each role that asks it: its
    /// latency without queueing, and the CPU per request of the hub and of the database's backends (on PostgreSQL), which a
    /// busy machine inflates far less than it does latency. The capacity on idle cores is about their number over the mix's
    /// mean CPU per request, the hub's and the database's together.
    /// </summary>
    private static async Task<IReadOnlyList<AloneFigures>> TimeEachAloneAsync(LoadDriver driver, HubProcess hub, DatabaseBackends? backends, IReadOnlyList<VirtualUser> users)
    {
        var figures = new List<AloneFigures>();
        const int warmUp = 3, measured = 10;
        Console.WriteLine($"Each query alone, one request at a time ({measured} after {warmUp}; load average {Machine.LoadAverage()}):");
        Console.WriteLine($"  {"query",-42} {"role",-9} {"median ms",9} {"max ms",8} {"hub CPU ms/request",18}{(backends is null ? "" : $" {"PostgreSQL CPU ms/request",25}")}");
        var random = new Random(1);
        foreach (var (query, role) in LoadMix.Asked())
        {
            var user = users.First(u => u.Role == role);
            var latencies = new List<double>();
            var (cpu, databaseCpu) = (TimeSpan.Zero, TimeSpan.Zero);
            string? error = null;
            for (var i = 0; i < warmUp + measured; i++)
            {
                var (cpuBefore, databaseBefore, started) = (hub.ProcessorTime, backends?.ProcessorTime ?? TimeSpan.Zero, Stopwatch.GetTimestamp());
                error ??= await driver.SendAsync(user, query, random);
                if (i < warmUp)
                    continue;
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                cpu += hub.ProcessorTime - cpuBefore;
                databaseCpu += (backends?.ProcessorTime ?? TimeSpan.Zero) - databaseBefore;
            }
            latencies.Sort();
            var databaseMs = backends is null ? (double?)null : databaseCpu.TotalMilliseconds / measured;
            figures.Add(new AloneFigures(query.Name, role, latencies[latencies.Count / 2], cpu.TotalMilliseconds / measured, databaseMs));
            Console.WriteLine($"  {query.Name,-42} {role,-9} {latencies[latencies.Count / 2],9:F1} {latencies[^1],8:F0} {cpu.TotalMilliseconds / measured,18:F1}"
                + (databaseMs is { } ms ? $" {ms,25:F1}" : "") + (error is null ? "" : "  error: " + error));
        }
        return figures;
    }

    /// <summary>
    /// One analyst's subject sends the practice list, 16 at a time, until it has asked for its window's permits and 200 more:
    /// every answer must be 200 or 429, and every 429 must carry <c>Retry-After</c> in whole seconds.
    /// </summary>
    private static async Task<int> OverTheRateLimitAsync(HttpClient http, IReadOnlyList<VirtualUser> users, int permitLimit)
    {
        var analyst = users.First(u => u.Role == PhmRoles.Analyst);
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        var withoutRetryAfter = 0;
        var remaining = permitLimit + 200;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = JsonContent.Create(new { query = LoadMix.PracticeList.Document }) };
                request.Headers.Authorization = new("Bearer", analyst.Token);
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsStringAsync();
                lock (statuses)
                {
                    var key = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                    statuses[key] = statuses.GetValueOrDefault(key) + 1;
                    if (response.StatusCode == HttpStatusCode.TooManyRequests
                        && !(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }))
                        withoutRetryAfter++;
                }
            }
        })));
        var others = statuses.Where(s => s.Key is not ("200" or "429")).Sum(s => s.Value);
        var ok = statuses.ContainsKey("429") && others == 0 && withoutRetryAfter == 0;
        Console.WriteLine($"Above the rate limit ({permitLimit + 200:N0} requests of one subject against {permitLimit:N0} a minute): "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value:N0}× {s.Key}")) + $"; 429 without Retry-After: {withoutRetryAfter} — {(ok ? "as it should" : "WRONG")}");
        return ok ? 0 : 1;
    }

    /// <summary>The users, with tokens signed by the hub's own key, and for each PCN the ids of its first 50 patients for the detail view.</summary>
    internal static async Task<IReadOnlyList<VirtualUser>> UsersAsync(HttpClient http, StoreSettings store, int clients)
    {
        var issuer = new LocalTokenIssuer(TokenSigningKey.Resolve(new PhmOptions { DataDirectory = store.DataDirectory }, auth: null), TimeProvider.System);
        var users = Enumerable.Range(0, clients).Select(i => LoadMix.User(i, (subject, role, pcn) => issuer.Issue(subject, role, pcn, TimeSpan.FromHours(8)))).ToList();
        foreach (var group in users.Where(u => u.Pcn is not null).GroupBy(u => u.Pcn))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = JsonContent.Create(new { query = "{ patients(first: 50) { edges { node { id } } } }" }) };
            request.Headers.Authorization = new("Bearer", group.First().Token);
            using var response = await http.SendAsync(request);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var ids = body.RootElement.GetProperty("data").GetProperty("patients").GetProperty("edges").EnumerateArray()
                .Select(e => e.GetProperty("node").GetProperty("id").GetString()!).ToList();
            foreach (var user in group)
                user.PatientIds = ids;
        }
        return users;
    }
}

/// <summary>A query timed alone: median latency, the hub's CPU per request and, on PostgreSQL, the database backends'.</summary>
internal sealed record AloneFigures(string Query, string Role, double MedianMs, double HubCpuMs, double? DatabaseCpuMs);

/// <summary>What <see cref="LoadBench.MeasureAsync"/> found: the users it made, each query alone, the last run of the mix, and runs that missed a target.</summary>
internal sealed record Measured(IReadOnlyList<VirtualUser> Users, IReadOnlyList<AloneFigures> Alone, IReadOnlyList<QueryFigures> LastRun, int Failures);

/// <summary>A store the bench runs the hub on: the data directory (the SQLite file and the token key) and the database.</summary>
internal sealed record StoreSettings(string DataDirectory, int? Population, PhmDatabaseOptions Database)
{
    public static StoreSettings Sqlite(LoadSettings settings, string name) =>
        new(Path.Combine(settings.Work, $"{name}-{settings.Population?.ToString(CultureInfo.InvariantCulture) ?? "city"}"), settings.Population, new PhmDatabaseOptions());

    /// <summary>On PostgreSQL in <paramref name="database"/>, with the hub's advice for throughput (README, Running on PostgreSQL).</summary>
    public static StoreSettings Postgres(LoadSettings settings, string connectionString, string database)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        builder["Database"] = database;
        builder["No Reset On Close"] = "true";
        builder["Max Auto Prepare"] = "20";
        return new(Path.Combine(settings.Work, database), settings.Population,
            new PhmDatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = builder.ConnectionString });
    }

    /// <summary>The CPU of the PostgreSQL backends on the store's database when the server is on this machine; null on SQLite.</summary>
    public DatabaseBackends? Backends() => Database.Provider == DatabaseProvider.Postgres
        ? new DatabaseBackends((string)new DbConnectionStringBuilder { ConnectionString = Database.ConnectionString }["Database"])
        : null;

    public PhmOptions StoreOptions => new() { DataDirectory = DataDirectory, Population = Population, Database = Database };

    public PhmStore Store() => new(Options.Create(StoreOptions), TimeProvider.System, NullLogger<PhmStore>.Instance);

    /// <summary>
    /// The hub as deployed, on this store, in a process of its own (so that its working set and CPU are its own, not the load
    /// driver's): the build of Phm.Api that <see cref="HubAssembly"/> finds, in Production, logging warnings and its own
    /// information to <c>hub.log</c> in the data directory. The elapsed time is its start, a store build included.
    /// </summary>
    public async Task<(HubProcess Hub, TimeSpan Start)> StartHubAsync(LoadSettings load)
    {
        var watch = Stopwatch.StartNew();
        var hub = await HubProcess.StartAsync(HubAssembly(), DataDirectory, load.Port, "Production", HubSettings(load.RateLimit), load.StartTimeout);
        return (hub, watch.Elapsed);
    }

    private Dictionary<string, string> HubSettings(int rateLimit)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Phm"] = "Information",
            ["Phm:DataDirectory"] = DataDirectory,
            ["Phm:GraphQL:RateLimit:PermitLimit"] = rateLimit.ToString(CultureInfo.InvariantCulture),
        };
        if (Population is { } population)
            settings["Phm:Population"] = population.ToString(CultureInfo.InvariantCulture);
        if (Database.Provider != DatabaseProvider.Sqlite)
        {
            settings["Phm:Database:Provider"] = Database.Provider.ToString();
            settings["ConnectionStrings:Phm"] = Database.ConnectionString!;
        }
        return settings;
    }

    /// <summary>
    /// Phm.Api.dll beside this bench when it was built into one folder (<c>dotnet build -o</c>), else the one of the same
    /// build configuration in src/Phm.Api (built with the bench, as a project reference).
    /// </summary>
    private static string HubAssembly()
    {
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, "Phm.Api.runtimeconfig.json")))
            return Path.Combine(AppContext.BaseDirectory, "Phm.Api.dll");
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var repository = output.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(repository, "src", "Phm.Api", "bin", configuration, framework, "Phm.Api.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The hub's build is missing: {dll}.");
    }

    /// <summary>Bytes on disk: the SQLite file with its journal, or PostgreSQL's <c>pg_database_size</c>.</summary>
    public async Task<long> SizeAsync()
    {
        if (Database.Provider == DatabaseProvider.Sqlite)
            return Directory.Exists(DataDirectory) ? Directory.GetFiles(DataDirectory, PhmStore.FileName + "*").Sum(f => new FileInfo(f).Length) : 0;
        await using var db = Store().CreateContext();
        return await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync();
    }

    /// <summary>Removes the store, so that the next start builds it.</summary>
    public async Task DeleteAsync()
    {
        if (Database.Provider != DatabaseProvider.Sqlite)
        {
            await using var db = Store().CreateContext();
            await db.Database.EnsureDeletedAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
            Directory.Delete(DataDirectory, recursive: true);
    }
}

internal static class Machine
{
    /// <summary>As <c>uptime</c> prints it: the 1, 5 and 15 minute load averages.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
