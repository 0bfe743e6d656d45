using Microsoft.EntityFrameworkCore;
using Phm.Data.Store;

namespace Phm.Data.Tests.Store;

public sealed class StoreBuildTests
{
    [SkippableTheory, ProviderData]
    public async Task FirstStart_BuildsACompleteStore_WithItsManifest(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = database.Store(3000, 7);

        var manifest = await store.EnsureReadyAsync(CancellationToken.None);

        await using var db = store.CreateContext();
        Assert.Equal(3000, await db.Patients.CountAsync());
        Assert.Equal(148, await db.Lsoas.CountAsync(l => l.IsInLocalAuthority));
        Assert.Equal(27, await db.Practices.CountAsync());
        Assert.True(await db.Activities.CountAsync() > 3000 * 5 * 5, "five years of activity at about ten contacts a person-year");
        Assert.Equal((7, 3000, "E06000045"), (manifest.Seed, manifest.Population, manifest.LocalAuthorityCode));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [SkippableTheory, ProviderData]
    public async Task ASecondStart_WithTheSameSettings_ReusesTheStore(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var built = await database.Store(500, 7).EnsureReadyAsync(CancellationToken.None);

        var reused = await database.Store(500, 7).EnsureReadyAsync(CancellationToken.None);

        Assert.Equal(built.BuiltAtUtc, reused.BuiltAtUtc);
    }

    [SkippableTheory, ProviderData]
    public async Task AReusedStore_MissingItsRegistersHeld_GetsThemBack_AndEveryonesSegmentsWithThem(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var manifest = await database.Store(500, 7).EnsureReadyAsync(CancellationToken.None);
        var (held, unsegmented) = await EmptyRegistersHeldAndOnePatientsSegmentAsync(database.Store(500, 7));

        await database.Store(500, 7).EnsureReadyAsync(CancellationToken.None);

        await using var db = database.Store(500, 7).CreateContext();
        Assert.Equal(held, await db.RegistersHeld.CountAsync());
        Assert.True(await db.PatientSegments.AnyAsync(s => s.PatientId == unsegmented), "the segments were written again, everyone's");
        Assert.Equal(manifest.BuiltAtUtc, (await db.Manifest.SingleAsync()).BuiltAtUtc);
    }

    [SkippableTheory, ProviderData]
    public async Task AReusedStore_WhoseConditionsPlaceNobodyOnARegister_KeepsItsSegments(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var manifest = await database.Store(500, 7).EnsureReadyAsync(CancellationToken.None);
        await using (var db = database.Store(500, 7).CreateContext())
            await db.Conditions.ExecuteUpdateAsync(c => c.SetProperty(condition => condition.OnsetDate, manifest.ReferenceDate.AddDays(1)));
        var (_, unsegmented) = await EmptyRegistersHeldAndOnePatientsSegmentAsync(database.Store(500, 7));

        await database.Store(500, 7).EnsureReadyAsync(CancellationToken.None);

        await using var reused = database.Store(500, 7).CreateContext();
        Assert.Equal(0, await reused.RegistersHeld.CountAsync());
        Assert.False(await reused.PatientSegments.AnyAsync(s => s.PatientId == unsegmented), "nothing to write: the segments were not written again");
    }

    /// <summary>Deletes every register held and one patient's segment, whose return tells whether a start wrote everyone's segments again.</summary>
    private static async Task<(int Held, int Unsegmented)> EmptyRegistersHeldAndOnePatientsSegmentAsync(PhmStore store)
    {
        await using var db = store.CreateContext();
        var held = await db.RegistersHeld.ExecuteDeleteAsync();
        var unsegmented = await db.PatientSegments.OrderBy(s => s.PatientId).Select(s => s.PatientId).FirstAsync();
        await db.PatientSegments.Where(s => s.PatientId == unsegmented).ExecuteDeleteAsync();
        return (held, unsegmented);
    }

    [SkippableTheory, ProviderData]
    public async Task AChangedSeedOrPopulation_RebuildsTheStore(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var built = await database.Store(500, 7).EnsureReadyAsync(CancellationToken.None);

        foreach (var (population, seed) in new[] { (500, 8), (600, 8) })
        {
            var store = database.Store(population, seed);
            var rebuilt = await store.EnsureReadyAsync(CancellationToken.None);

            Assert.NotEqual(built.BuiltAtUtc, rebuilt.BuiltAtUtc);
            Assert.Equal((population, seed), (rebuilt.Population, rebuilt.Seed));
            await using var db = store.CreateContext();
            Assert.Equal(population, await db.Patients.CountAsync());
            Assert.Equal(27, await db.Practices.CountAsync());
        }
    }

    [SkippableTheory, ProviderData]
    public async Task AnInterruptedRebuild_LeavesThePreviousStoreAsItWas(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var built = await database.Store(500, 7).EnsureReadyAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InjectedFault>(() => database.Store(600, 8, new FailingClock()).EnsureReadyAsync(CancellationToken.None));

        var store = database.Store(500, 7);
        await using var db = store.CreateContext();
        Assert.Equal(500, await db.Patients.CountAsync());
        Assert.Equal(built.BuiltAtUtc, (await store.EnsureReadyAsync(CancellationToken.None)).BuiltAtUtc);
    }

    [Fact]
    public async Task AnInterruptedFirstBuild_OnSqlite_LeavesNoFile_AndTheNextStartBuildsOne()
    {
        await using var database = TestDatabase.For(DatabaseProvider.Sqlite);

        await Assert.ThrowsAsync<InjectedFault>(() => database.Store(500, 7, new FailingClock()).EnsureReadyAsync(CancellationToken.None));

        var store = database.Store(500, 7);
        Assert.False(File.Exists(store.FilePath));
        Assert.Equal(500, (await store.EnsureReadyAsync(CancellationToken.None)).Population);
        Assert.False(File.Exists(store.FilePath + ".building"));
    }

    [Fact]
    public async Task ABuiltStore_OnSqlite_IsWhole_InWriteAheadLogMode_WithNothingLeftOfTheBuild()
    {
        await using var database = TestDatabase.For(DatabaseProvider.Sqlite);
        var store = database.Store(500, 7);

        await store.EnsureReadyAsync(CancellationToken.None);

        // The build writes without a journal on disk or a sync per commit, and syncs the whole file once before the rename.
        await using var db = store.CreateContext();
        Assert.Equal("ok", await db.Database.SqlQueryRaw<string>("SELECT integrity_check AS \"Value\" FROM pragma_integrity_check").SingleAsync());
        Assert.Empty(await db.Database.SqlQueryRaw<string>("SELECT \"table\" AS \"Value\" FROM pragma_foreign_key_check").ToListAsync());
        Assert.Equal("wal", await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode").SingleAsync());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(store.FilePath)!, PhmStore.FileName + ".building*"));
    }

    [SkippableTheory, ProviderData]
    public async Task ANewStoresCompletion_IsPublishedWithIt_AndAReusedStoreGetsNone(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = database.Store(500, 7);
        var completions = 0;
        Task Complete(Func<PhmDbContext> createContext, CancellationToken cancellationToken)
        {
            completions++;
            return MarkAsync(createContext, cancellationToken);
        }

        await store.EnsureReadyAsync(Complete, CancellationToken.None);
        await store.EnsureReadyAsync(Complete, CancellationToken.None);

        Assert.Equal(1, completions);
        await using var db = store.CreateContext();
        Assert.Equal(1, await MarksAsync(db));
    }

    [Fact]
    public async Task ANewStoresCompletion_OnSqlite_WritesIntoTheBuildingFile_UnderTheBuildsSettings()
    {
        await using var database = TestDatabase.For(DatabaseProvider.Sqlite);
        var store = database.Store(500, 7);
        var seen = new List<string>();

        await store.EnsureReadyAsync(async (createContext, cancellationToken) =>
        {
            await using var building = createContext();
            seen.Add($"published {File.Exists(store.FilePath)}, building {File.Exists(store.FilePath + ".building")}");
            seen.Add(await building.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode").SingleAsync(cancellationToken));
            seen.Add($"synchronous {await building.Database.SqlQueryRaw<int>("SELECT synchronous AS \"Value\" FROM pragma_synchronous").SingleAsync(cancellationToken)}");
            seen.Add($"sorter threads {await building.Database.SqlQueryRaw<int>("SELECT threads AS \"Value\" FROM pragma_threads").SingleAsync(cancellationToken)}");
        }, CancellationToken.None);

        Assert.Equal(["published False, building True", "memory", "synchronous 0", "sorter threads 1"], seen);
    }

    [Fact]
    public async Task AnInterruptedCompletion_OnSqlite_LeavesThePreviousStoreAsItWas_WithNothingOfTheNewOne()
    {
        await using var database = TestDatabase.For(DatabaseProvider.Sqlite);
        var built = await database.Store(500, 7).EnsureReadyAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InjectedFault>(() => database.Store(600, 8).EnsureReadyAsync(async (createContext, cancellationToken) =>
        {
            await MarkAsync(createContext, cancellationToken);
            throw new InjectedFault();
        }, CancellationToken.None));

        var store = database.Store(500, 7);
        await using var db = store.CreateContext();
        Assert.Equal((500, 0), (await db.Patients.CountAsync(), await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM sqlite_master WHERE name = 'Marks'").SingleAsync()));
        Assert.Equal(built.BuiltAtUtc, (await store.EnsureReadyAsync(CancellationToken.None)).BuiltAtUtc);
    }

    [Fact]
    public async Task AStoreBuiltBeforeMigrations_OnSqlite_IsRebuilt()
    {
        await using var database = TestDatabase.For(DatabaseProvider.Sqlite);
        var store = database.Store(500, 7);
        var built = await store.EnsureReadyAsync(CancellationToken.None);
        await using (var db = store.CreateContext())
            await db.Database.ExecuteSqlRawAsync("DROP TABLE \"__EFMigrationsHistory\"");

        var rebuilt = await store.EnsureReadyAsync(CancellationToken.None);

        Assert.NotEqual(built.BuiltAtUtc, rebuilt.BuiltAtUtc);
        await using var migrated = store.CreateContext();
        Assert.Empty(await migrated.Database.GetPendingMigrationsAsync());
    }

    /// <summary>What a build's completion may do, through a context of its own: here, a table of its own with a row.</summary>
    private static async Task MarkAsync(Func<PhmDbContext> createContext, CancellationToken cancellationToken)
    {
        await using var db = createContext();
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE \"Marks\" (\"Id\" integer); INSERT INTO \"Marks\" VALUES (1);", cancellationToken);
    }

    private static Task<int> MarksAsync(PhmDbContext db) => db.Database.SqlQueryRaw<int>("SELECT CAST(count(*) AS integer) AS \"Value\" FROM \"Marks\"").SingleAsync();

    /// <summary>Fails when the build asks the time for its manifest: every row is written, nothing is committed yet.</summary>
    private sealed class FailingClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => throw new InjectedFault();
    }

    private sealed class InjectedFault() : Exception("A fault injected just before the build commits.");
}
