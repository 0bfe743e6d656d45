using Microsoft.EntityFrameworkCore;

namespace Phm.Data.Store;

/// <summary>
/// What a provider does to tables after a bulk load has committed (<see cref="IBulkCopy.AfterCommitSql"/>): on PostgreSQL a
/// VACUUM (ANALYZE), so that the first requests neither read the heap behind index-only scans nor meet autovacuum doing it.
/// The store's build and the risk scoring call it; SQLite and SQL Server need nothing.
/// </summary>
public static class BulkLoadMaintenance
{
    /// <summary>Runs it on <paramref name="tables"/>; <paramref name="db"/> must not be in a transaction. False when the provider needs none.</summary>
    public static async Task<bool> AfterCommitAsync(PhmDbContext db, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        if (db.CreateBulkCopy().AfterCommitSql(tables) is not { } sql)
            return false;
        db.Database.SetCommandTimeout(0);
        await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        return true;
    }
}
