using Npgsql;

namespace Phm.Data.Store;

/// <summary>
/// Whether a failure means the database server cannot be reached, is restarting or has no connection to give, rather than that
/// a statement was wrong: the one rule the API's <c>DATABASE_UNAVAILABLE</c> error and the read retry
/// (<see cref="Postgres.PostgresReadRetryStrategy"/>) share.
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>
    /// PostgreSQL's "the server is going away or not there yet" codes: admin shutdown (57P01), crash shutdown (57P02), cannot
    /// connect now, i.e. starting up or shutting down (57P03), and the connection exception class (08).
    /// </summary>
    private static bool IsServerGoingAway(string sqlState) =>
        sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
        || sqlState.StartsWith("08", StringComparison.Ordinal);

    /// <summary>True when <paramref name="exception"/> or one it wraps is such a failure, the server's or the connections'.</summary>
    public static bool Is(Exception exception) => IsServerGone(exception) || IsOutOfConnections(exception);

    /// <summary>
    /// True when the server cannot be reached or is restarting: the pool's idle connections are then dead too, and a read may be
    /// tried again on a new one.
    /// </summary>
    public static bool IsServerGone(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres when IsServerGoingAway(postgres.SqlState):
                    return true;
                case PostgresException:
                    // A statement the server refused (a constraint, a cancelled query): the server is there.
                    return false;
                case NpgsqlException when IsPoolExhausted(e):
                    return false;
                case NpgsqlException { IsTransient: true }:
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// True when the server is up but there was no connection to be had: it refused a new one, all its slots being taken
    /// (too_many_connections, 53300), or every connection of the hub's pool stayed busy for the connection timeout. The
    /// connections in the pool are sound, and asking again at once would only queue again.
    /// </summary>
    public static bool IsOutOfConnections(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres)
                return postgres.SqlState == PostgresErrorCodes.TooManyConnections;
            if (IsPoolExhausted(e))
                return true;
        }
        return false;
    }

    /// <summary>Npgsql gives the exhausted pool no code of its own: a timeout wrapped with this message.</summary>
    private static bool IsPoolExhausted(Exception exception) =>
        exception is NpgsqlException { InnerException: TimeoutException }
        && exception.Message.StartsWith("The connection pool has been exhausted", StringComparison.Ordinal);
}
