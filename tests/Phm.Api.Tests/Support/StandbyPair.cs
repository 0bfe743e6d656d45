using Npgsql;

namespace Phm.Api.Tests.Support;

/// <summary>
/// A private PostgreSQL primary and its hot standby (<see cref="PrivatePostgresCluster"/>: never the shared server, which other
/// tests use; this pair is stopped and paused at will). Without the binaries the tests are skipped, or fail when PostgreSQL is
/// required (CI).
/// </summary>
public sealed class StandbyPair : IAsyncDisposable
{
    private const string Database = "phm_replicas_standby_test";

    private readonly PrivatePostgresCluster _primary;
    private readonly PrivatePostgresCluster _standby;

    private StandbyPair(PrivatePostgresCluster primary, PrivatePostgresCluster standby)
    {
        _primary = primary;
        _standby = standby;
    }

    public string PrimaryConnectionString => _primary.ConnectionString(Database);

    public string StandbyConnectionString => _standby.ConnectionString(Database);

    /// <summary>The primary, initialised and started, and its standby, streaming from it; skips the calling test when they cannot run here.</summary>
    public static async Task<StandbyPair> StartAsync()
    {
        var primary = await PrivatePostgresCluster.StartAsync();
        try
        {
            return new StandbyPair(primary, await primary.StartStandbyAsync());
        }
        catch
        {
            await primary.DisposeAsync();
            throw;
        }
    }

    public Task StartStandbyAsync() => _standby.StartServerAsync();

    /// <summary>Stops the standby as a crash would look to the hub: at once, connections cut.</summary>
    public Task StopStandbyAsync() => _standby.StopServerAsync(immediately: true);

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

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _standby.DisposeAsync();
        await _primary.DisposeAsync();
    }
}
