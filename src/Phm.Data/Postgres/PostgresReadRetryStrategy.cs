using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Phm.Data.Store;

namespace Phm.Data.Postgres;

/// <summary>
/// Retries a statement that failed because the server was unreachable or restarting (<see cref="DatabaseUnavailable.IsServerGone"/>), only
/// where running it again cannot do anything twice: on a context marked <see cref="PhmDbContext.RetryReads"/> (a request's),
/// outside a transaction and with no changes waiting to be saved, i.e. a read or an idempotent update. Inserts (SaveChanges,
/// the audit trail, cohorts) and everything in a transaction (build, ingest, scoring) fail at once instead, and their callers
/// keep or roll back their work. Every such failure also empties the connection pool: after a restart its idle connections are
/// all dead, and each would otherwise fail one more request before the pool refilled.
/// </summary>
/// <param name="dependencies">EF Core's.</param>
/// <param name="readsWhole">
/// The strategy of <see cref="PhmDbContext.ReadWholeAsync{T}(IQueryable{T}, CancellationToken)"/>: its operation is a whole read, run again from the start on a failure, so
/// the queries inside it need not be retried one by one and EF Core need not buffer their rows (it buffers the rows of every query
/// run under a strategy that says it retries).
/// </param>
internal sealed class PostgresReadRetryStrategy(ExecutionStrategyDependencies dependencies, bool readsWhole = false)
    : ExecutionStrategy(dependencies, MaxRetries, MaxDelay)
{
    /// <summary>Three tries over about two seconds: enough to ride out a dead pooled connection or a fast restart, short of any request timeout.</summary>
    private const int MaxRetries = 2;

    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    private DbContext Context => Dependencies.CurrentContext.Context;

    private bool SafeToRetry => Context is PhmDbContext { RetryReads: true } db
        && db.Database.CurrentTransaction is null
        && !db.ChangeTracker.HasChanges();

    /// <summary>Also decides whether EF Core buffers a query's rows before handing them out, which retrying needs; only a request's reads pay for it.</summary>
    public override bool RetriesOnFailure => !readsWhole && base.RetriesOnFailure && Context is PhmDbContext { RetryReads: true };

    /// <summary>The base refuses to start inside a transaction when it retries; here a transaction only turns retrying off.</summary>
    protected override void OnFirstExecution()
    {
        if (Context.Database.CurrentTransaction is null)
            base.OnFirstExecution();
        else
            ExceptionsEncountered.Clear();
    }

    /// <summary>
    /// Only a server that went away: a connection refused for want of slots, or a pool that stayed busy, would make a retry
    /// queue again, and emptying a pool of sound connections would add connecting to the load.
    /// </summary>
    protected override bool ShouldRetryOn(Exception exception)
    {
        if (!DatabaseUnavailable.IsServerGone(exception))
            return false;
        if (Context.Database.GetDbConnection() is NpgsqlConnection connection)
            NpgsqlConnection.ClearPool(connection);
        return SafeToRetry;
    }

    /// <summary>First retry at once (a dead pooled connection), then after up to <see cref="MaxDelay"/>.</summary>
    protected override TimeSpan? GetNextDelay(Exception lastException) =>
        ExceptionsEncountered.Count > MaxRetries ? null
        : ExceptionsEncountered.Count == 1 ? TimeSpan.Zero
        : MaxDelay;
}
