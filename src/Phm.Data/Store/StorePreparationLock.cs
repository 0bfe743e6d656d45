using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Phm.Data.Store;

/// <summary>
/// One preparation of the store at a time on a database server: hubs started together (replicas behind a load balancer) would
/// otherwise each build, seed and score the same store at once. The first takes the lock and prepares; the others wait, then find
/// the store ready and reuse it. A session lock in the database (PostgreSQL's advisory lock, SQL Server's application lock), so a
/// process that dies while holding it releases it with its connection. SQLite needs none: its store is one machine's file.
/// </summary>
public sealed class StorePreparationLock : IAsyncDisposable
{
    private const long PostgresKey = 0x50484d_53544f5245; // "PHM" "STORE"
    private const string SqlServerResource = "phm-store-preparation";

    private readonly PhmDbContext? _db;
    private readonly string? _releaseSql;

    private StorePreparationLock(PhmDbContext? db, string? releaseSql)
    {
        _db = db;
        _releaseSql = releaseSql;
    }

    /// <summary>Waits for the lock (as long as another hub's preparation takes) and holds it until disposed.</summary>
    internal static async Task<StorePreparationLock> TakeAsync(DatabaseProvider provider, Func<PhmDbContext> createContext, CancellationToken cancellationToken)
    {
        if (provider == DatabaseProvider.Sqlite)
            return new StorePreparationLock(null, null);
        var (takeSql, releaseSql) = provider == DatabaseProvider.Postgres
            ? ($"SELECT pg_advisory_lock({PostgresKey})", $"SELECT pg_advisory_unlock({PostgresKey})")
            : ($"EXEC sp_getapplock @Resource = '{SqlServerResource}', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1",
               $"EXEC sp_releaseapplock @Resource = '{SqlServerResource}', @LockOwner = 'Session'");
        var db = createContext();
        try
        {
            // The lock lives in the store's database, so that has to exist first.
            await CreateDatabaseIfMissingAsync(db, cancellationToken);
            db.Database.SetCommandTimeout(0);
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync(takeSql, cancellationToken);
            return new StorePreparationLock(db, releaseSql);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates the empty database (migrations then fill it); another hub creating it at the same moment is no error.</summary>
    private static async Task CreateDatabaseIfMissingAsync(PhmDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
            return;
        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (Exception) when (creator.Exists())
        {
            // Created meanwhile by the other hub.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is null)
            return;
        // Released explicitly: a pooled connection goes back to the pool with its session, and the lock with it.
        await using (_db)
            await _db.Database.ExecuteSqlRawAsync(_releaseSql!);
    }
}
