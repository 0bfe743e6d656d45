using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Aggregates;
using Phm.Data.Patients;
using Phm.Data.Segmentation;
using Phm.Data.Store;

namespace Phm.Api.Tests.Support;

/// <summary>A store file in the temp folder, created from the real model and filled by the test; deleted on dispose.</summary>
public sealed class TestStore : IDisposable
{
    private TestStore(string path) => Path = path;

    public string Path { get; }

    public static async Task<TestStore> CreateAsync(Action<PhmDbContext> seed)
    {
        var store = new TestStore(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"phm-schema-{Guid.NewGuid():N}.db"));
        await using var db = PhmDatabase.CreateContext(DatabaseProvider.Sqlite, ConnectionStringFor(store.Path));
        await db.Database.EnsureCreatedAsync();
        seed(db);
        await db.SaveChangesAsync();
        // As a build or an ingest does: each patient's activity histories and the registers they hold at the reference date,
        // derived from the seeded records, then each one's segment, then the kept cells.
        if (await db.Manifest.Select(m => (DateOnly?)m.ReferenceDate).SingleOrDefaultAsync() is { } referenceDate)
        {
            await ActivityHistory.WriteKeptAsync(db, referenceDate, patientIds: null, CancellationToken.None);
            await RegisterRules.WriteRegistersHeldAsync(db, referenceDate, patientIds: null, CancellationToken.None);
            await SegmentRules.WriteSegmentsAsync(db, referenceDate, patientIds: null, CancellationToken.None);
            await KeptCells.RefreshAsync(db, referenceDate, CancellationToken.None);
        }
        return store;
    }

    /// <summary>A context over the store, for a test to add to it.</summary>
    public PhmDbContext OpenContext() => PhmDatabase.CreateContext(DatabaseProvider.Sqlite, ConnectionStringFor(Path));

    public static string ConnectionStringFor(string path) => new SqliteConnectionStringBuilder { DataSource = path }.ToString();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(Path);
    }
}
