using System.Globalization;

namespace Phm.Bench.Load;

/// <summary>
/// The CPU time of a local PostgreSQL server's client backends on one database, read from <c>/proc</c> (each backend's process
/// title is <c>postgres: cluster: user database host state</c>, without <c>cluster:</c> where the server has no cluster_name): on PostgreSQL a request's cost is the hub's CPU and this. Every
/// backend seen is remembered, so one that the pool closes keeps its share; a timer samples once a second so that few are
/// missed. Autovacuum and the server's own processes are not counted.
/// </summary>
internal sealed class DatabaseBackends : IDisposable
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on Linux
    private readonly string database;
    private readonly Dictionary<(int Pid, long Started), double> seconds = [];
    private readonly Timer timer;

    public DatabaseBackends(string database)
    {
        this.database = database;
        Sample();
        timer = new Timer(_ => Sample(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>The backends' CPU so far (since each started).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            Sample();
            lock (seconds)
                return TimeSpan.FromSeconds(seconds.Values.Sum());
        }
    }

    private void Sample()
    {
        if (!Directory.Exists("/proc"))
            return;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
                continue;
            try
            {
                var title = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // The cluster's name, when the server has one, comes before the user.
                var databaseWord = title.Length > 1 && title[1].EndsWith(':') ? 3 : 2;
                if (title.Length < databaseWord + 2 || title[0] != "postgres:" || title[databaseWord] != database)
                    continue;
                // /proc/pid/stat: the fields after the command's closing parenthesis; utime, stime and starttime are the 14th, 15th and 22nd.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
                lock (seconds)
                    seconds[(pid, long.Parse(fields[19], CultureInfo.InvariantCulture))] = cpu;
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's process this one may not read.
            }
        }
    }

    public void Dispose() => timer.Dispose();
}
