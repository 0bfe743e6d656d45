using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Phm.Data.Store;

// Prints the foundation's performance figures on this machine:
//   dotnet run -c Release --project bench/Phm.Bench [-- --population N]
// First start (build the store from nothing) and restart (reuse it) of the embedded store.
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
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(directory, recursive: true);
}

PhmStore NewStore() => new(Options.Create(options), TimeProvider.System, NullLogger<PhmStore>.Instance);
