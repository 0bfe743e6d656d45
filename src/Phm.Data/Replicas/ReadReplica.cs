using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Phm.Data.Store;

namespace Phm.Data.Replicas;

/// <summary>Where a request's reads go, as <see cref="ReadReplica"/> last measured it.</summary>
public enum ReplicaState
{
    /// <summary>No replica configured, or not measured yet: everything goes to the primary.</summary>
    NotInUse,

    /// <summary>The replica holds everything the primary had committed <see cref="PhmDatabaseOptions.ReadReplicaMaxLag"/> ago: it answers queries.</summary>
    InUse,

    /// <summary>The replica is further behind than that (or its replay is paused while the primary writes): queries go to the primary.</summary>
    Lagging,

    /// <summary>The replica did not answer, or is not a standby (promoted, or the primary itself): queries go to the primary.</summary>
    Unavailable,
}

/// <summary>
/// The PostgreSQL hot standby of <see cref="PhmDatabaseOptions.ReadReplica"/>: contexts on it for the queries that may read there
/// (<see cref="RequestReads"/>), or on the primary while it lags or is down. Its lag is measured every
/// <see cref="PhmDatabaseOptions.ReadReplicaCheckInterval"/> from the primary's WAL position, so it needs nothing written for it:
/// each check notes where the primary's flushed WAL is, and the replica's lag is the age of the newest note its replay has passed (zero
/// when it has replayed everything the primary had just written). That overstates the lag by up to one interval, never understates it.
/// Changes of state are logged, with no connection string (it holds a password) and nothing read from the store.
/// </summary>
public sealed class ReadReplica : IDisposable
{
    // Flushed, not merely written: only flushed WAL is sent to the standby.
    private const string PrimaryPosition = "SELECT pg_wal_lsn_diff(pg_current_wal_flush_lsn(), '0/0')::bigint";
    private const string ReplicaPosition = "SELECT pg_is_in_recovery(), pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')::bigint";

    private readonly IDbContextFactory<PhmDbContext> _primary;
    private readonly IDbContextFactory<PhmDbContext>? _replica;
    private readonly string? _replicaConnectionString;
    private readonly string? _primaryProbe;
    private readonly string? _replicaProbe;
    private readonly TimeSpan _maxLag;
    private readonly TimeProvider _time;
    private readonly ILogger<ReadReplica> _logger;
    private readonly SemaphoreSlim _checking = new(1, 1);
    private readonly Queue<(DateTimeOffset At, long Position)> _primaryPositions = new();
    private readonly ITimer? _timer;
    private volatile ReplicaState _state = ReplicaState.NotInUse;

    public ReadReplica(IOptions<PhmOptions> options, PhmStore store, IDbContextFactory<PhmDbContext> primary, TimeProvider time, ILogger<ReadReplica> logger)
    {
        var database = options.Value.Database;
        _primary = primary;
        _time = time;
        _logger = logger;
        _maxLag = database.ReadReplicaMaxLag;
        if (database.ReadReplica is not { Length: > 0 } replica)
            return;
        _replica = PhmDatabase.CreateReplicaFactory(database.Provider, replica);
        // As the contexts open it (the provider adds options), so that its pool can be told apart and cleared.
        using (var context = _replica.CreateDbContext())
            _replicaConnectionString = context.Database.GetConnectionString();
        // A check that waits longer than an interval for an answer learns nothing useful: the replica is taken as unavailable.
        _primaryProbe = ProbeConnectionString(store.ConnectionString, database.ReadReplicaCheckInterval);
        _replicaProbe = ProbeConnectionString(replica, database.ReadReplicaCheckInterval);
        _timer = time.CreateTimer(_ => _ = CheckInBackgroundAsync(), null, TimeSpan.Zero, database.ReadReplicaCheckInterval);
    }

    public bool IsConfigured => _replica is not null;

    /// <summary>Where reads went after the last check.</summary>
    public ReplicaState State => _state;

    /// <summary>A context on the replica while it is <see cref="ReplicaState.InUse"/>, else on the primary.</summary>
    public PhmDbContext CreateReadContext() =>
        _replica is not null && _state == ReplicaState.InUse ? _replica.CreateDbContext() : _primary.CreateDbContext();

    /// <summary>Measures the replica's lag now and routes reads accordingly; tests call it rather than wait for the timer.</summary>
    public async Task<ReplicaState> CheckAsync(CancellationToken cancellationToken)
    {
        if (_replica is null)
            return ReplicaState.NotInUse;
        await _checking.WaitAsync(cancellationToken);
        return await CheckWhileHeldAsync(cancellationToken);
    }

    private async Task<ReplicaState> CheckWhileHeldAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (state, lag, reason) = await MeasureAsync(cancellationToken);
            if (state != _state)
                LogChange(state, lag, reason);
            _state = state;
            return state;
        }
        finally
        {
            _checking.Release();
        }
    }

    private async Task<(ReplicaState State, TimeSpan? Lag, string? Reason)> MeasureAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        long primaryPosition;
        try
        {
            primaryPosition = await QueryAsync(_primaryProbe!, PrimaryPosition, reader => reader.GetInt64(0), cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            // Without the primary's position the lag is unknown; reads then go where they would without a replica.
            return (ReplicaState.NotInUse, null, "the primary did not answer (" + exception.GetType().Name + ")");
        }
        NotePrimaryPosition(now, primaryPosition);

        (bool InRecovery, long Replayed) replica;
        try
        {
            replica = await QueryAsync(_replicaProbe!, ReplicaPosition, reader => (reader.GetBoolean(0), reader.IsDBNull(1) ? -1 : reader.GetInt64(1)), cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            // Its pooled connections are broken now; once it is back, reads should open new ones.
            using (var pooled = new NpgsqlConnection(_replicaConnectionString))
                NpgsqlConnection.ClearPool(pooled);
            return (ReplicaState.Unavailable, null, "it did not answer (" + exception.GetType().Name + ")");
        }
        if (!replica.InRecovery)
            return (ReplicaState.Unavailable, null, "it is not a standby (promoted, or not a replica): writes to the primary would not reach it");

        var lag = LagOf(now, primaryPosition, replica.Replayed);
        return lag is { } behind && behind <= _maxLag
            ? (ReplicaState.InUse, behind, null)
            : (ReplicaState.Lagging, lag, null);
    }

    /// <summary>
    /// Zero if the replica has replayed all the primary had written at <paramref name="now"/>; else the age of the newest noted
    /// position it has passed; null if it has passed none still noted (it is further behind than the notes go back).
    /// </summary>
    private TimeSpan? LagOf(DateTimeOffset now, long primaryPosition, long replayed)
    {
        if (replayed >= primaryPosition)
            return TimeSpan.Zero;
        DateTimeOffset? caughtUpTo = null;
        foreach (var (at, position) in _primaryPositions)
        {
            if (position <= replayed)
                caughtUpTo = at;
        }
        return now - caughtUpTo;
    }

    /// <summary>Keeps the primary's positions of the last two maximum lags: enough to tell a lag within bounds, and by how much it is over.</summary>
    private void NotePrimaryPosition(DateTimeOffset now, long position)
    {
        _primaryPositions.Enqueue((now, position));
        while (_primaryPositions.Peek().At < now - (2 * _maxLag))
            _primaryPositions.Dequeue();
    }

    private void LogChange(ReplicaState state, TimeSpan? lag, string? reason)
    {
        switch (state)
        {
            case ReplicaState.InUse:
                _logger.LogInformation("Queries read from the read replica (replay lag {LagMs} ms, at most {MaxLagMs} ms allowed)", lag?.TotalMilliseconds, _maxLag.TotalMilliseconds);
                break;
            case ReplicaState.Lagging:
                _logger.LogWarning("Queries read from the primary: the read replica lags {Lag} behind it, more than the {MaxLag} allowed (Phm:Database:ReadReplicaMaxLag)",
                    lag?.ToString() ?? "more than " + (2 * _maxLag), _maxLag);
                break;
            default:
                _logger.LogWarning("Queries read from the primary: the read replica is not used, since {Reason}", reason);
                break;
        }
    }

    /// <summary>The timer's check; skipped while one is still running (a replica that does not answer takes up to an interval).</summary>
    private async Task CheckInBackgroundAsync()
    {
        if (!await _checking.WaitAsync(TimeSpan.Zero))
            return;
        try
        {
            await CheckWhileHeldAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The state stays as it was; the next tick tries again.
            _logger.LogError("Checking the read replica failed ({Error})", exception.GetType().Name);
        }
    }

    private static async Task<T> QueryAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return read(reader);
    }

    /// <summary>The server's connection string with timeouts of about <paramref name="interval"/> (at least a second, PostgreSQL's unit).</summary>
    private static string ProbeConnectionString(string connectionString, TimeSpan interval)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(interval.TotalSeconds));
        return new NpgsqlConnectionStringBuilder(connectionString) { Timeout = seconds, CommandTimeout = seconds }.ConnectionString;
    }

    // Not the semaphore: a check the timer started may still release it (one whose wait handle is never used holds nothing).
    public void Dispose() => _timer?.Dispose();
}
