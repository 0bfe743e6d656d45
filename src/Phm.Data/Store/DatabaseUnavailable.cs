using Npgsql;

namespace Phm.Data.Store;

/// <summary>
/// Whether a failure means the database server cannot be reached or is restarting, rather than that a statement was wrong:
/// the one rule the API's <c>DATABASE_UNAVAILABLE</c> error and the read retry (<see cref="Postgres.PostgresReadRetryStrategy"/>) share.
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

    /// <summary>True when <paramref name="exception"/> or one it wraps is such a failure.</summary>
    public static bool Is(Exception exception)
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
                case NpgsqlException { IsTransient: true }:
                    return true;
            }
        }
        return false;
    }
}
