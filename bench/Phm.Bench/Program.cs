using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Phm.Data.Store;

// Prints the foundation's performance figures on this machine:
//   dotnet run -c Release --project bench/Phm.Bench [-- --population N] [--postgres "Host=…;Username=…;Password=…"]
// First start (build the store from nothing) and restart (reuse it) of the embedded store, and with --postgres the same
// on PostgreSQL, in a database of its own that the role creates and the bench drops (issue target: within 2x of SQLite).
var population = args.SkipWhile(a => a != "--population").Skip(1).Select(int.Parse).FirstOrDefault();
var postgres = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault();
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");

var directory = Path.Combine(Path.GetTempPath(), "phm-bench-" + Environment.ProcessId);
var sqlite = await TimeFirstStartAndRestartAsync("SQLite", new PhmDatabaseOptions());
if (postgres is not null)
{
    var database = new DbConnectionStringBuilder { ConnectionString = postgres };
    database["Database"] = "phm_bench_" + Environment.ProcessId;
    var onPostgres = await TimeFirstStartAndRestartAsync("PostgreSQL", new PhmDatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = database.ConnectionString });
    Console.WriteLine($"PostgreSQL first start: {onPostgres / sqlite:F2}x SQLite's (target ≤ 2x)");
}

async Task<double> TimeFirstStartAndRestartAsync(string name, PhmDatabaseOptions database)
{
    var options = new PhmOptions { DataDirectory = directory, Population = population > 0 ? population : null, Database = database };
    var store = new PhmStore(Options.Create(options), TimeProvider.System, NullLogger<PhmStore>.Instance);
    try
    {
        var watch = Stopwatch.StartNew();
        var manifest = await store.EnsureReadyAsync(CancellationToken.None);
        var firstStart = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"{name} first start: {manifest.Population:N0} patients built in {firstStart:F1} s (target < 90 s at ~300k); peak working set so far {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576:N0} MB");

        watch.Restart();
        await store.EnsureReadyAsync(CancellationToken.None);
        Console.WriteLine($"{name} restart: store reused in {watch.Elapsed.TotalSeconds:F2} s (target < 5 s)");
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
