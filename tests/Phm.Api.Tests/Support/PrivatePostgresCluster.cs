using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Phm.Api.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of the test's own, made with the installed server's <c>initdb</c> (or, as a hot standby of another,
/// with <c>pg_basebackup -R</c>) in a temporary folder and listening on a free loopback port of 5440-5459, which the test may
/// stop and start at will: the shared server that the other tests use is never touched. The server runs as the <c>postgres</c>
/// user (through <c>runuser</c> when the tests run as root, as in CI). Without the binaries, or as another user, the calling
/// <c>[SkippableFact]</c> is skipped, or fails when PostgreSQL is required (<c>PHM_REQUIRE_POSTGRES=1</c>).
/// </summary>
public sealed class PrivatePostgresCluster : IAsyncDisposable
{
    private const string ServerUser = "postgres";
    private const int FirstPort = 5440;
    private const int LastPort = 5459;

    // Ports handed out in this process: test classes start clusters in parallel, and a port is free until its server binds it.
    private static readonly HashSet<int> Claimed = [];

    private readonly string _binaries;
    private readonly string _directory;

    private PrivatePostgresCluster(string binaries, string directory, int port)
    {
        _binaries = binaries;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A connection string for <paramref name="database"/> (created by whoever connects, as the hub does) as the superuser, trusted on loopback.</summary>
    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username={ServerUser};Database={database}";

    /// <summary>A new cluster, initialised and started.</summary>
    public static async Task<PrivatePostgresCluster> StartAsync()
    {
        var cluster = new PrivatePostgresCluster(Binaries(), NewDirectory(), ClaimFreePort());
        // Throwaway data: no fsync, trust on loopback only (listen_addresses below), the socket in the cluster's own folder.
        await cluster.AsServerUserAsync("initdb", "-D", cluster._directory, "-U", ServerUser, "-A", "trust", "-E", "UTF8", "--no-sync");
        await cluster.StartServerAsync();
        return cluster;
    }

    /// <summary>A hot standby of this cluster, streaming from it (<c>pg_basebackup -R</c>, as the README's set-up does), started.</summary>
    public async Task<PrivatePostgresCluster> StartStandbyAsync()
    {
        var standby = new PrivatePostgresCluster(_binaries, NewDirectory(), ClaimFreePort());
        await standby.AsServerUserAsync("pg_basebackup", "--host", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--username", ServerUser, "--pgdata", standby._directory, "--write-recovery-conf", "--wal-method", "stream", "--checkpoint", "fast", "--no-sync");
        await standby.StartServerAsync();
        return standby;
    }

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public Task StartServerAsync() =>
        AsServerUserAsync("pg_ctl", "-D", _directory, "-l", LogFile, "-w", "-t", "60",
            "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_directory} -c fsync=off", "start");

    /// <summary>
    /// Stops the server as an operator's fast shutdown does (sessions ended, open transactions rolled back), or
    /// <paramref name="immediately"/>, as a crash looks to its clients.
    /// </summary>
    public Task StopServerAsync(bool immediately = false) =>
        AsServerUserAsync("pg_ctl", "-D", _directory, "-m", immediately ? "immediate" : "fast", "-w", "-t", "60", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopServerAsync(immediately: true);
        }
        catch (InvalidOperationException)
        {
            // Already stopped, or never started.
        }
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
        File.Delete(LogFile);
        lock (Claimed)
            Claimed.Remove(Port);
    }

    // Beside the data folder, not in it: a standby's base backup would copy it.
    private string LogFile => _directory + ".log";

    private static string Binaries()
    {
        var binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        var user = Environment.UserName;
        var unavailable = binaries is null ? "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin"
            : user is not ("root" or ServerUser) ? $"a private cluster runs as root or {ServerUser}, not {user}"
            : null;
        if (unavailable is not null)
        {
            if (Environment.GetEnvironmentVariable("PHM_REQUIRE_POSTGRES") == "1")
                throw new InvalidOperationException($"PHM_REQUIRE_POSTGRES=1 but {unavailable}.");
            Skip.If(true, unavailable);
        }
        return binaries!;
    }

    private static string NewDirectory() => Path.Combine(Path.GetTempPath(), "phm-private-pg-" + Guid.NewGuid().ToString("N"));

    private static int ClaimFreePort()
    {
        lock (Claimed)
        {
            for (var port = FirstPort; port <= LastPort; port++)
            {
                if (!Claimed.Contains(port) && IsFree(port))
                {
                    Claimed.Add(port);
                    return port;
                }
            }
        }
        throw new InvalidOperationException($"No free port in {FirstPort}-{LastPort} for a private PostgreSQL cluster.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Runs one of the server's programs as postgres, for a minute at most; throws with its output when it fails.</summary>
    private async Task AsServerUserAsync(string program, params string[] arguments)
    {
        var path = Path.Combine(_binaries, program);
        var start = Environment.UserName == ServerUser
            ? new ProcessStartInfo(path)
            : new ProcessStartInfo("runuser") { ArgumentList = { "-u", ServerUser, "--", path } };
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await output}{await error}");
    }
}
