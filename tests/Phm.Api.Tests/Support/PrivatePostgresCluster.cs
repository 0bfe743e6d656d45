using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Phm.Api.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of the test's own, made with the installed server's <c>initdb</c> in a temporary folder and listening on
/// a free loopback port of 5440-5449, which the test may stop and start at will: the shared server that the other tests use
/// is never touched. The server runs as the <c>postgres</c> user (through <c>su</c> when the tests run as root, as in CI).
/// Without the binaries, or as another user, the calling <c>[SkippableFact]</c> is skipped, or fails when PostgreSQL is
/// required (<c>PHM_REQUIRE_POSTGRES=1</c>).
/// </summary>
public sealed class PrivatePostgresCluster : IAsyncDisposable
{
    private const int FirstPort = 5440;
    private const int LastPort = 5449;

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
    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";

    public static async Task<PrivatePostgresCluster> StartAsync()
    {
        var binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        var user = Environment.UserName;
        var unavailable = binaries is null ? "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin"
            : user is not ("root" or "postgres") ? $"a private cluster runs as root or postgres, not {user}"
            : null;
        if (unavailable is not null)
        {
            if (Environment.GetEnvironmentVariable("PHM_REQUIRE_POSTGRES") == "1")
                throw new InvalidOperationException($"PHM_REQUIRE_POSTGRES=1 but {unavailable}.");
            Skip.If(true, unavailable);
        }

        var directory = Path.Combine(Path.GetTempPath(), "phm-private-pg-" + Guid.NewGuid().ToString("N"));
        var cluster = new PrivatePostgresCluster(binaries!, directory, FreePort());
        // Throwaway data: no fsync, trust on loopback only (listen_addresses below), the socket in the cluster's own folder.
        await cluster.RunAsync($"initdb -D {directory} -U postgres -A trust -E UTF8 --no-sync");
        await cluster.StartServerAsync();
        return cluster;
    }

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public Task StartServerAsync() =>
        RunAsync($"pg_ctl -D {_directory} -l {_directory}/server.log -w -t 60 -o \"-p {Port} -c listen_addresses=127.0.0.1 -k {_directory} -c fsync=off\" start");

    /// <summary>Stops the server as an operator's fast shutdown does: sessions are ended, open transactions roll back.</summary>
    public Task StopServerAsync() => RunAsync($"pg_ctl -D {_directory} -m fast -w -t 60 stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync($"pg_ctl -D {_directory} -m immediate -w stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        for (var port = FirstPort; port <= LastPort; port++)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken; try the next.
            }
        }
        throw new InvalidOperationException($"No free port in {FirstPort}-{LastPort} for a private PostgreSQL cluster.");
    }

    /// <summary>Runs one of the server's programs as postgres; throws with its output when it fails.</summary>
    private async Task RunAsync(string command)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Environment.UserName == "root")
        {
            start.FileName = "su";
            foreach (var argument in new[] { "postgres", "-c", $"{_binaries}/{command}" })
                start.ArgumentList.Add(argument);
        }
        else
        {
            start.FileName = "sh";
            foreach (var argument in new[] { "-c", $"{_binaries}/{command}" })
                start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command.Split(' ')[0]} failed ({process.ExitCode}): {await output}{await error}");
    }
}
