using Microsoft.EntityFrameworkCore;
using Phm.Data.Store;

namespace Phm.Data.Tests.Store;

/// <summary>
/// On PostgreSQL a freshly built store is vacuumed: every page of the loaded tables is marked all-visible, so index-only scans
/// read no heap and autovacuum finds nothing to do under the first requests.
/// </summary>
public sealed class BulkLoadMaintenanceTests
{
    [SkippableFact]
    public async Task OnPostgres_TheBuiltStoresTables_AreAllVisible()
    {
        await using var database = TestDatabase.For(DatabaseProvider.Postgres);
        var store = database.Store(500, 7);

        await store.EnsureReadyAsync(CancellationToken.None);

        await using var db = store.CreateContext();
        var loaded = BulkWriter.TablesOf(db).ToArray();
        var tables = await db.Database.SqlQuery<TablePages>(
            $"""SELECT relname AS "Name", relpages AS "Pages", relallvisible AS "AllVisible" FROM pg_class WHERE relkind = 'r' AND relname = ANY ({loaded})""").ToListAsync();
        Assert.Equal(loaded.Order(), tables.Select(t => t.Name).Order());
        Assert.All(tables, t => Assert.True(t.AllVisible == t.Pages, $"{t.Name}: {t.AllVisible} of {t.Pages} pages all-visible"));
        Assert.True(tables.Single(t => t.Name == "Patients").Pages > 0);
    }

    private sealed record TablePages(string Name, int Pages, int AllVisible);
}
