using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Phm.Api.Tests.Support;

/// <summary>
/// A private PostgreSQL primary and its hot standby, made with <c>pg_basebackup -R</c> as the README's set-up does, from Debian's
/// PostgreSQL 15 binaries, in a temporary folder, on two free ports of 5450 to 5459 (never the shared server's, which other
/// tests use: this pair is stopped and paused at will). The servers run as the <c>postgres</c> user (through <c>runuser</c> when
/// the tests run as root, as CI does). Without the binaries the tests are skipped, or fail when PostgreSQL is required (CI).
/// </summary>
public sealed class StandbyPair : IAsyncDisposable
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string ServerUser = "postgres";
    private const string Database = "phm_replicas_standby_test";

    private readonly string _directory;
    private bool _standbyRunning;

    private StandbyPair(string directory, int primaryPort, int standbyPort)
    {
        _directory = directory;
        PrimaryPort = primaryPort;
        StandbyPort = standbyPort;
    }

    public int PrimaryPort { get; }

    public int StandbyPort { get; }

    public string PrimaryConnectionString => ConnectionStringFor(PrimaryPort);

    public string StandbyConnectionString => ConnectionStringFor(StandbyPort);

    private string PrimaryData => Path.Combine(_directory, "primary");

    private string StandbyData => Path.Combine(_directory, "standby");

    /// <summary>The primary, initialised and started, and its standby, streaming from it; skips the calling test when they cannot run here.</summary>
    public static async Task<StandbyPair> StartAsync()
    {
        var problem = !File.Exists(Path.Combine(BinDirectory, "pg_basebackup")) ? $"PostgreSQL 15's binaries are not in {BinDirectory}"
            : !(Environment.UserName is "root" or ServerUser) ? $"the tests run as {Environment.UserName}, neither root nor {ServerUser}"
            : null;
        if (problem is not null)
        {
            if (Environment.GetEnvironmentVariable("PHM_REQUIRE_POSTGRES") == "1")
                throw new InvalidOperationException($"PHM_REQUIRE_POSTGRES=1 but {problem}: the read replica cannot be tested.");
            Skip.If(true, $"A private primary and standby cannot be started: {problem}.");
        }

        var directory = Path.Combine(Path.GetTempPath(), "phm-replicas-" + Guid.NewGuid().ToString("N"));
        var ports = FreePorts();
        var pair = new StandbyPair(directory, ports[0], ports[1]);
        try
        {
            Directory.CreateDirectory(directory);
            await RunAsync("chown", ServerUser, directory);
            await AsServerUserAsync("initdb", "--pgdata", pair.PrimaryData, "--username", ServerUser, "--auth", "trust", "--no-sync");
            await pair.StartServerAsync(pair.PrimaryData, pair.PrimaryPort);
            await AsServerUserAsync("pg_basebackup", "--host", "127.0.0.1", "--port", pair.PrimaryPort.ToString(CultureInfo.InvariantCulture),
                "--username", ServerUser, "--pgdata", pair.StandbyData, "--write-recovery-conf", "--wal-method", "stream", "--checkpoint", "fast", "--no-sync");
            await pair.StartStandbyAsync();
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    public async Task StartStandbyAsync()
    {
        await StartServerAsync(StandbyData, StandbyPort);
        _standbyRunning = true;
    }

    /// <summary>Stops the standby as a crash would look to the hub: at once, connections cut.</summary>
    public async Task StopStandbyAsync()
    {
        _standbyRunning = false;
        await AsServerUserAsync("pg_ctl", "stop", "--pgdata", StandbyData, "--mode", "immediate", "--wait");
    }

    /// <summary>
    /// Runs <paramref name="action"/> with the standby's replay of the primary's WAL paused (it still receives it), so that it
    /// lags from the primary's next write; replay is resumed afterwards, whatever happens.
    /// </summary>
    public async Task WhileReplayPausedAsync(Func<Task> action)
    {
        await ExecuteAsync(StandbyConnectionString, "SELECT pg_wal_replay_pause()");
        try
        {
            await action();
        }
        finally
        {
            await ExecuteAsync(StandbyConnectionString, "SELECT pg_wal_replay_resume()");
        }
    }

    /// <summary>Runs <paramref name="sql"/> on a connection of its own: a pooled one may be from before the standby was stopped.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string ConnectionStringFor(int port) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = ServerUser, Database = Database, Pooling = true }.ConnectionString;

    private Task StartServerAsync(string data, int port) =>
        AsServerUserAsync("pg_ctl", "start", "--pgdata", data, "--wait", "--log", data + ".log",
            "-o", $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_directory} -c fsync=off -c max_connections=50");

    private static Task AsServerUserAsync(string program, params string[] arguments)
    {
        var path = Path.Combine(BinDirectory, program);
        return Environment.UserName == ServerUser ? RunAsync(path, arguments) : RunAsync("runuser", ["-u", ServerUser, "--", path, .. arguments]);
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
    }

    /// <summary>Two ports of 5450 to 5459 that nothing listens on now.</summary>
    private static int[] FreePorts()
    {
        var free = Enumerable.Range(5450, 10).Where(IsFree).Take(2).ToArray();
        return free.Length == 2 ? free : throw new InvalidOperationException("Fewer than two of the ports 5450 to 5459 are free.");
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

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var (data, running) in new[] { (StandbyData, _standbyRunning), (PrimaryData, true) })
        {
            if (running && Directory.Exists(data))
            {
                try
                {
                    await AsServerUserAsync("pg_ctl", "stop", "--pgdata", data, "--mode", "immediate", "--wait");
                }
                catch (InvalidOperationException)
                {
                    // Not running (a start that failed): nothing to stop.
                }
            }
        }
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
