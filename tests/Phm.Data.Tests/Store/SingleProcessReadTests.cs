using Microsoft.EntityFrameworkCore;
using Phm.Data.Store;

namespace Phm.Data.Tests.Store;

/// <summary>
/// A single-process read (the risk features' activity pass) turns PostgreSQL's parallel workers off for its transaction only:
/// the connection goes back to the pool, which may keep its session settings, with the server's own setting.
/// </summary>
public sealed class SingleProcessReadTests
{
    [SkippableFact]
    public async Task OnPostgres_ParallelWorkersAreOff_InTheTransactionOnly()
    {
        await using var database = TestDatabase.For(DatabaseProvider.Postgres);
        var store = database.Store(50, 7);
        await store.MigrateAsync(CancellationToken.None);
        await using var db = store.CreateContext();
        await db.Database.OpenConnectionAsync();
        var serversSetting = await WorkersPerGatherAsync(db);

        await using (await db.BeginSingleProcessReadAsync(CancellationToken.None))
            Assert.Equal("0", await WorkersPerGatherAsync(db));

        Assert.NotEqual("0", serversSetting);
        Assert.Equal(serversSetting, await WorkersPerGatherAsync(db));
    }

    private static async Task<string> WorkersPerGatherAsync(PhmDbContext db) =>
        (await db.Database.SqlQueryRaw<string>("""SELECT current_setting('max_parallel_workers_per_gather') AS "Value" """).ToListAsync()).Single();
}
