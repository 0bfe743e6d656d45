using Microsoft.EntityFrameworkCore;
using Phm.Data.Cohorts;
using Phm.Data.Practices;
using Phm.Data.Store;

namespace Phm.Data.Tests.Cohorts;

/// <summary>Saved cohorts in a built store: versions, snapshots, a rebuild, and the built-in One Team definitions.</summary>
public sealed class SavedCohortStoreTests
{
    private static readonly CohortContent HeartFailure = new("Heart failure", "Everyone on the register", """{"version":1,"criteria":{"register":{"register":"HEART_FAILURE"}}}""");

    [SkippableTheory, ProviderData]
    public async Task ARebuild_KeepsSavedDefinitionsWithTheirIds_AndClearsTheirSnapshots(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var built = await database.Store(500, 7).EnsureReadyAsync(CancellationToken.None);
        int savedId, revisedId;
        await using (var db = database.Store(500, 7).CreateContext())
        {
            var cohorts = new SavedCohorts(db, TimeProvider.System);
            var saved = await cohorts.SaveAsync(HeartFailure, "alice", null, isBuiltIn: false, key: null, CancellationToken.None);
            var revised = await cohorts.ReviseAsync(saved, HeartFailure with { Name = "Heart failure (v2)" }, "bob", CancellationToken.None);
            var snapshot = await cohorts.RecordSnapshotAsync(revised, built.ReferenceDate, "bob", CancellationToken.None);
            Assert.True(snapshot.Count > 0, "someone among 500 patients has heart failure");
            (savedId, revisedId) = (saved.Id, revised.Id);
        }

        var rebuilt = database.Store(500, 8);
        await rebuilt.EnsureReadyAsync(CancellationToken.None);

        await using var after = rebuilt.CreateContext();
        var kept = await after.CohortDefinitions.AsNoTracking().Where(d => d.Key == "heart-failure").OrderBy(d => d.Version).ToListAsync();
        Assert.Equal([(savedId, 1, "Heart failure"), (revisedId, 2, "Heart failure (v2)")], kept.Select(d => (d.Id, d.Version, d.Name)));
        Assert.Equal(0, await after.CohortSnapshots.CountAsync());
        Assert.Equal(0, await after.Set<CohortSnapshotMember>().CountAsync());
        Assert.Equal(OneTeamCohorts.Defaults.Count, await after.CohortDefinitions.CountAsync(d => d.IsBuiltIn));
    }

    [SkippableTheory, ProviderData]
    public async Task RecordSnapshot_KeepsExactlyTheCohortsMembers_AndTheirCount(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var built = await database.Store(500, 7).EnsureReadyAsync(CancellationToken.None);
        await using var db = database.Store(500, 7).CreateContext();
        var cohorts = new SavedCohorts(db, TimeProvider.System);
        var saved = await cohorts.SaveAsync(HeartFailure, "alice", null, isBuiltIn: false, key: null, CancellationToken.None);

        var snapshot = await cohorts.RecordSnapshotAsync(saved, built.ReferenceDate, "alice", CancellationToken.None);

        var expected = await db.Patients.Meeting(saved.ScopedCriteria, db, built.ReferenceDate).Select(p => p.Id).OrderBy(id => id).ToListAsync();
        var kept = await db.Set<CohortSnapshotMember>().Where(m => m.SnapshotId == snapshot.Id).Select(m => m.PatientId).OrderBy(id => id).ToListAsync();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, kept);
        Assert.Equal((expected.Count, saved.Id, "alice"), (snapshot.Count, snapshot.DefinitionId, snapshot.EvaluatedBy));
        Assert.Equal(expected.Count, (await db.CohortSnapshots.AsNoTracking().SingleAsync(s => s.Id == snapshot.Id)).Count);
    }

    [Fact]
    public async Task RecordSnapshot_WritesTheMembersInTheDatabase_NeverSendingTheirIdsFromTheHub()
    {
        await using var database = TestDatabase.For(DatabaseProvider.Sqlite);
        var store = database.Store(500, 7);
        var built = await store.EnsureReadyAsync(CancellationToken.None);
        var commands = new CommandTexts();
        var options = new DbContextOptionsBuilder<Sqlite.SqlitePhmDbContext>();
        Sqlite.SqlitePhmDbContext.Configure(options, store.ConnectionString);
        await using var db = new Sqlite.SqlitePhmDbContext(options.AddInterceptors(commands).Options);
        var cohorts = new SavedCohorts(db, TimeProvider.System);
        var saved = await cohorts.SaveAsync(HeartFailure, "alice", null, isBuiltIn: false, key: null, CancellationToken.None);
        commands.Texts.Clear();

        var snapshot = await cohorts.RecordSnapshotAsync(saved, built.ReferenceDate, "alice", CancellationToken.None);

        Assert.True(snapshot.Count > 1, "several of 500 patients have heart failure");
        Assert.Equal(snapshot.Count, await db.Set<CohortSnapshotMember>().CountAsync(m => m.SnapshotId == snapshot.Id));
        // One at a time, EF Core would send each member's id back in an INSERT … VALUES.
        Assert.DoesNotContain(commands.Texts, text => text.Contains("INSERT INTO \"CohortSnapshotMembers\"", StringComparison.Ordinal) && text.Contains("VALUES", StringComparison.Ordinal));
    }

    /// <summary>The text of every command a context sends, however it is executed.</summary>
    private sealed class CommandTexts : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public List<string> Texts { get; } = [];

        public override ValueTask<System.Data.Common.DbDataReader> ReaderExecutedAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, System.Data.Common.DbDataReader result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText);
            return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<int> NonQueryExecutedAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText);
            return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
        }
    }

    [SkippableTheory, ProviderData]
    public async Task PreparingTheStore_SeedsEachBuiltInCohortOnce_ForItsPcn(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        await database.Store(500, 7).EnsureReadyAsync(CancellationToken.None);
        await database.Store(500, 7).EnsureReadyAsync(CancellationToken.None);

        await using var db = database.Store(500, 7).CreateContext();
        var builtIn = await db.CohortDefinitions.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
        Assert.Equal(OneTeamCohorts.Defaults.Select(d => (d.Key, (string?)d.PcnCode, 1, true, CohortDefinition.BuiltInOwner)),
            builtIn.Select(d => (d.Key, d.PcnCode, d.Version, d.IsBuiltIn, d.Owner)));
        var pcnNames = await db.Pcns.ToDictionaryAsync(p => p.Code, p => p.Name);
        Assert.All(builtIn, d => Assert.True(pcnNames.ContainsKey(d.PcnCode!), d.Key));
        Assert.Contains("BITTERNE", pcnNames[OneTeamCohorts.Bitterne], StringComparison.Ordinal);
        Assert.Contains("LIVING WELL", pcnNames[OneTeamCohorts.LivingWell], StringComparison.Ordinal);
        Assert.Contains("WOOLSTON", pcnNames[OneTeamCohorts.WoolstonTownhill], StringComparison.Ordinal);
        Assert.Contains("NORTH", pcnNames[OneTeamCohorts.North], StringComparison.Ordinal);
        Assert.Contains("CENTRAL", pcnNames[OneTeamCohorts.Central], StringComparison.Ordinal);
        Assert.Contains("WEST", pcnNames[OneTeamCohorts.West], StringComparison.Ordinal);
    }

    [Fact]
    public async Task St_Peters_Surgery_IsInWoolstonAndTownhill_WhereThePersistentPainCohortIs()
    {
        await using var database = TestDatabase.For(DatabaseProvider.Sqlite);
        var store = database.Store(500, 7);
        var manifest = await store.EnsureReadyAsync(CancellationToken.None);

        await using var db = store.CreateContext();
        Assert.True(await db.PcnMemberships.ValidOn(manifest.ReferenceDate).AnyAsync(m => m.PracticeCode == "J82208" && m.PcnCode == OneTeamCohorts.WoolstonTownhill));
        Assert.Equal(OneTeamCohorts.WoolstonTownhill, OneTeamCohorts.Defaults.Single(d => d.Key == "woolston-townhill-persistent-pain").PcnCode);
    }

    [Fact]
    public async Task Seeding_AddsAVersionForANewDefault_ButLeavesAnAdministratorsRevisionAndARetiredCohortAlone()
    {
        await using var database = TestDatabase.For(DatabaseProvider.Sqlite);
        var store = database.Store(500, 7);
        await store.EnsureReadyAsync(CancellationToken.None);
        await using var db = store.CreateContext();
        var cohorts = new SavedCohorts(db, TimeProvider.System);

        // An administrator's revision of one, another retired, and a third whose stored default is older than today's.
        var bitterne = (await cohorts.FindAsync("bitterne-hiu-heart-failure", null, CancellationToken.None))!;
        await cohorts.ReviseAsync(bitterne, HeartFailure with { Name = "HF, any use" }, "an-admin", CancellationToken.None);
        await cohorts.RetireAsync((await cohorts.FindAsync("living-well-hiu-respiratory", null, CancellationToken.None))!, CancellationToken.None);
        await db.CohortDefinitions.Where(d => d.Key == "north-end-of-life").ExecuteUpdateAsync(u => u.SetProperty(d => d.ParametersJson, """{"model":"death-12m","tiers":["VERY_HIGH"]}"""));

        var added = await OneTeamCohorts.SeedAsync(db, TimeProvider.System, CancellationToken.None);

        Assert.Equal(1, added);
        var latest = await cohorts.Latest().AsNoTracking().Where(d => d.IsBuiltIn).ToDictionaryAsync(d => d.Key);
        Assert.Equal(("HF, any use", 2), (latest["bitterne-hiu-heart-failure"].Name, latest["bitterne-hiu-heart-failure"].Version));
        Assert.True(latest["living-well-hiu-respiratory"].IsRetired);
        Assert.Equal(1, latest["living-well-hiu-respiratory"].Version);
        var north = latest["north-end-of-life"];
        Assert.Equal((2, CohortDefinition.BuiltInOwner), (north.Version, north.AuthoredBy));
        Assert.Equal(OneTeamCohorts.Defaults.Single(d => d.Key == "north-end-of-life").Content.Normalised().ParametersJson, north.ParametersJson);
        Assert.Equal(0, await OneTeamCohorts.SeedAsync(db, TimeProvider.System, CancellationToken.None));
    }

    [Fact]
    public async Task Revising_KeepsEveryVersion_AndRetiring_RetiresThemAll()
    {
        await using var database = TestDatabase.For(DatabaseProvider.Sqlite);
        var store = database.Store(500, 7);
        await store.EnsureReadyAsync(CancellationToken.None);
        await using var db = store.CreateContext();
        var cohorts = new SavedCohorts(db, TimeProvider.System);

        var first = await cohorts.SaveAsync(HeartFailure, "alice", OneTeamCohorts.Bitterne, isBuiltIn: false, key: null, CancellationToken.None);
        var second = await cohorts.ReviseAsync(first, HeartFailure with { Description = "v2" }, "bob", CancellationToken.None);
        var retired = await cohorts.RetireAsync(second, CancellationToken.None);

        var versions = await db.CohortDefinitions.AsNoTracking().Where(d => d.Key == first.Key).OrderBy(d => d.Version).ToListAsync();
        Assert.Equal([("Everyone on the register", "alice", 1), ("v2", "bob", 2)], versions.Select(v => (v.Description!, v.AuthoredBy, v.Version)));
        Assert.All(versions, v => Assert.Equal(retired.RetiredAtUtc, v.RetiredAtUtc));
        Assert.All(versions, v => Assert.Equal(("alice", OneTeamCohorts.Bitterne), (v.Owner, v.PcnCode)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => cohorts.ReviseAsync(retired, HeartFailure, "carol", CancellationToken.None));
        var again = await cohorts.SaveAsync(HeartFailure, "carol", null, isBuiltIn: false, key: null, CancellationToken.None);
        Assert.Equal("heart-failure-2", again.Key);
    }
}
