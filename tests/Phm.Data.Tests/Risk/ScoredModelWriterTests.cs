using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Phm.Data.Risk;
using Phm.Data.Store;
using static Phm.Data.Tests.Support.TestScores;

namespace Phm.Data.Tests.Risk;

/// <summary>
/// A model's scores are replaced in one transaction through the provider's bulk path: what is read back is what was written,
/// on every provider, and a failure part way leaves the previous scores as they were.
/// </summary>
public sealed class ScoredModelWriterTests
{
    [SkippableTheory, ProviderData]
    public async Task TheRowsReadBack_AreThoseWritten(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = await StoreAsync(database);
        var ids = await PatientIdsAsync(store);
        var model = ModelOf("1.0.0", ids.Count);
        var scores = ScoresOf(model, ids);

        await using (var db = store.CreateContext())
            await new ScoredModelWriter(db).ReplaceAsync(model, scores, CancellationToken.None);

        await using var reader = store.CreateContext();
        Assert.Equivalent(model, await reader.ScoredModels.AsNoTracking().SingleAsync(), strict: true);
        Assert.Equivalent(scores, await reader.RiskScores.AsNoTracking().OrderBy(s => s.Rank).ToListAsync(), strict: true);
    }

    [SkippableFact]
    public async Task OnPostgres_TheLoadFillsInTheModelsNameAndVersion_AndThePartitionKeepsNoDefaultOfThem()
    {
        await using var database = TestDatabase.For(DatabaseProvider.Postgres);
        var store = await StoreAsync(database);
        var ids = await PatientIdsAsync(store);
        foreach (var version in new[] { "1.0.0", "2.0.0" })
            await WriteAsync(store, ModelOf(version, ids.Count), ScoresOf(ModelOf(version, ids.Count), ids));

        await using var db = store.CreateContext();
        var versions = await db.RiskScores.AsNoTracking().GroupBy(s => new { s.Model, s.ModelVersion }).Select(g => new { g.Key.Model, g.Key.ModelVersion, Rows = g.Count() }).ToListAsync();
        var defaults = await db.Database.SqlQueryRaw<string>(
            """SELECT table_name || '.' || column_name AS "Value" FROM information_schema.columns WHERE table_name LIKE 'RiskScores%' AND column_default IS NOT NULL""").ToListAsync();
        Assert.Equal([("test-admission-12m", "2.0.0", ids.Count)], versions.Select(v => (v.Model, v.ModelVersion, v.Rows)));
        Assert.Empty(defaults);
    }

    [SkippableFact]
    public async Task OnPostgres_TheScoresParentStatistics_AreTakenWhenItsRowsMoveOrAModelsVersionChanges_NotWhenTheSameModelsAreScoredAgain()
    {
        await using var database = TestDatabase.For(DatabaseProvider.Postgres);
        var store = await StoreAsync(database);
        var ids = await PatientIdsAsync(store);
        var admission = ModelOf("1.0.0", ids.Count);
        var newAdmission = ModelOf("2.0.0", ids.Count);
        var mortality = ModelOf("3.0.0", ids.Count, "test-mortality-12m");
        await using var db = store.CreateContext();

        await WriteAsync(store, admission, ScoresOf(admission, ids));
        var first = await ScoredModelWriter.MaintainAfterScoringAsync(db, CancellationToken.None);
        await WriteAsync(store, admission, ScoresOf(admission, ids));
        var again = await ScoredModelWriter.MaintainAfterScoringAsync(db, CancellationToken.None);
        await WriteAsync(store, newAdmission, ScoresOf(newAdmission, ids));
        var withANewVersion = await ScoredModelWriter.MaintainAfterScoringAsync(db, CancellationToken.None);
        await WriteAsync(store, newAdmission, ScoresOf(newAdmission, ids));
        var newVersionAgain = await ScoredModelWriter.MaintainAfterScoringAsync(db, CancellationToken.None);
        await WriteAsync(store, mortality, ScoresOf(mortality, ids));
        var withAnotherModel = await ScoredModelWriter.MaintainAfterScoringAsync(db, CancellationToken.None);

        Assert.Equal([true, false, true, false, true], [first, again, withANewVersion, newVersionAgain, withAnotherModel]);
        var analysed = await db.Database.SqlQueryRaw<double>("""SELECT reltuples::float8 AS "Value" FROM pg_class WHERE oid = '"RiskScores"'::regclass""").SingleAsync();
        var inherited = await db.Database.SqlQueryRaw<string>("""SELECT attname::text AS "Value" FROM pg_stats WHERE tablename = 'RiskScores' AND inherited""").ToListAsync();
        Assert.Equal(2 * ids.Count, analysed);
        Assert.Contains("PatientId", inherited);
    }

    [SkippableFact]
    public async Task OnPostgres_APartitionWrittenBeforeTheTierIndexHeldOnlyTheTiersAboveLow_HasItRemadeSoByTheMigration_AndWholeAgainDown()
    {
        await using var database = TestDatabase.For(DatabaseProvider.Postgres);
        var store = await StoreAsync(database);
        var ids = await PatientIdsAsync(store);
        await WriteAsync(store, ModelOf("1.0.0", ids.Count), ScoresOf(ModelOf("1.0.0", ids.Count), ids));
        await using var db = store.CreateContext();
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_PartitionsIndexTiersAboveLow", StringComparison.Ordinal)) - 1];
        var written = await TierIndexOfPartitionAsync(db);

        await db.GetService<IMigrator>().MigrateAsync(before);
        var down = await TierIndexOfPartitionAsync(db);
        await db.GetService<IMigrator>().MigrateAsync();
        var up = await TierIndexOfPartitionAsync(db);

        const string Whole = "(\"Tier\", \"PatientId\") INCLUDE (\"Model\")";
        Assert.Equal([Whole + " WHERE (\"Tier\" < 4)", Whole, Whole + " WHERE (\"Tier\" < 4)"], [written, down, up]);
    }

    /// <summary>The columns and condition of the one index on tiers of the test model's partition.</summary>
    private static async Task<string> TierIndexOfPartitionAsync(PhmDbContext db) =>
        await db.Database.SqlQueryRaw<string>(
            """
            SELECT substring(pg_get_indexdef(x.indexrelid) from '\("Tier".*$') AS "Value"
            FROM pg_inherits i JOIN pg_index x ON x.indrelid = i.inhrelid JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = '"RiskScores"'::regclass AND pg_get_expr(c.relpartbound, c.oid) = 'FOR VALUES IN (''test-admission-12m'')'
                AND pg_get_indexdef(x.indexrelid) LIKE '%btree ("Tier"%'
            """).SingleAsync();

    [SkippableTheory, ProviderData]
    public async Task ANewVersion_LeavesNoRowOfTheOld_AndOtherModelsAsTheyWere(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = await StoreAsync(database);
        var ids = await PatientIdsAsync(store);
        var other = ModelOf("3.0.0", ids.Count, "test-mortality-12m");
        await WriteAsync(store, ModelOf("1.0.0", ids.Count), ScoresOf(ModelOf("1.0.0", ids.Count), ids));
        await WriteAsync(store, other, ScoresOf(other, ids));

        var half = ids.Take(ids.Count / 2).ToList();
        await WriteAsync(store, ModelOf("2.0.0", half.Count), ScoresOf(ModelOf("2.0.0", half.Count), half));

        await using var db = store.CreateContext();
        var versions = await db.RiskScores.AsNoTracking().GroupBy(s => new { s.Model, s.ModelVersion }).Select(g => new { g.Key.Model, g.Key.ModelVersion, Rows = g.Count() })
            .OrderBy(g => g.Model).ToListAsync();
        Assert.Equal([("test-admission-12m", "2.0.0", half.Count), ("test-mortality-12m", "3.0.0", ids.Count)], versions.Select(v => (v.Model, v.ModelVersion, v.Rows)));
        Assert.Equal(["2.0.0", "3.0.0"], await db.ScoredModels.OrderBy(m => m.Name).Select(m => m.Version).ToListAsync());
    }

    [SkippableTheory, ProviderData]
    public async Task AReaderDuringARewrite_SeesTheOldScoresOrTheNew_Whole(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = await StoreAsync(database);
        var ids = await PatientIdsAsync(store);
        var old = ModelOf("1.0.0", ids.Count);
        await WriteAsync(store, old, ScoresOf(old, ids));
        var half = ids.Take(ids.Count / 2).ToList();
        var newer = ModelOf("2.0.0", half.Count);
        var copying = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readWhileCopying = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IEnumerable<RiskScore> Stream()
        {
            foreach (var score in ScoresOf(newer, half))
            {
                if (score.Rank == half.Count / 2)
                {
                    copying.SetResult();
                    readWhileCopying.Task.Wait();
                }
                yield return score;
            }
        }

        var writing = Task.Run(() => WriteAsync(store, newer, Stream()));
        await copying.Task;
        Seen whileCopying;
        try
        {
            // A reader that had to wait for the writer (a lock held from the first deleted row to the commit) times out here.
            whileCopying = await SeenAsync(store).WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            readWhileCopying.SetResult();
        }
        var whileSwapping = new List<Seen>();
        while (!writing.IsCompleted)
            whileSwapping.Add(await SeenAsync(store));
        await writing;

        Seen oldWhole = new("1.0.0", ids.Count, ids.Count), newWhole = new("2.0.0", half.Count, half.Count);
        Assert.Equal(oldWhole, whileCopying);
        Assert.All(whileSwapping, seen => Assert.Contains(seen, new[] { oldWhole, newWhole }));
        Assert.Equal(newWhole, await SeenAsync(store));
    }

    /// <summary>What one statement (one snapshot) sees: the model's version, its scores, and how many of them are of that version.</summary>
    private sealed record Seen(string Version, int Scores, int OfTheVersion);

    private static async Task<Seen> SeenAsync(PhmStore store)
    {
        await using var db = store.CreateContext();
        return await db.ScoredModels.Select(m => new Seen(m.Version, db.RiskScores.Count(s => s.Model == m.Name),
            db.RiskScores.Count(s => s.Model == m.Name && s.ModelVersion == m.Version))).SingleAsync();
    }

    public static TheoryData<DatabaseProvider, string> Faults
    {
        get
        {
            var faults = new TheoryData<DatabaseProvider, string>();
            foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            {
                foreach (var fault in new[] { "a patient the store does not hold", "fewer scores than patients scored", "the scores stop coming", "two scores of one rank" })
                    faults.Add(provider, fault);
            }
            return faults;
        }
    }

    [SkippableTheory, MemberData(nameof(Faults))]
    public async Task AFailurePartWay_LeavesTheOldScoresAsTheyWere(DatabaseProvider provider, string fault)
    {
        await using var database = TestDatabase.For(provider);
        var store = await StoreAsync(database);
        var ids = await PatientIdsAsync(store);
        var old = ModelOf("1.0.0", ids.Count);
        await WriteAsync(store, old, ScoresOf(old, ids));
        var newer = ModelOf("2.0.0", fault == "fewer scores than patients scored" ? ids.Count + 1 : ids.Count);
        var scores = ScoresOf(newer, fault == "a patient the store does not hold" ? [.. ids.SkipLast(1), int.MaxValue] : ids);
        IEnumerable<RiskScore> Stream()
        {
            foreach (var score in scores)
            {
                if (fault == "the scores stop coming" && score.Rank > ids.Count / 2)
                    throw new IOException("The model's output ended early.");
                // The unique index on (model, rank) is rebuilt after the load: it must still refuse.
                yield return fault == "two scores of one rank" && score.Rank == ids.Count ? new RiskScore
                {
                    Model = score.Model, PatientId = score.PatientId, ModelVersion = score.ModelVersion, Probability = score.Probability,
                    Rank = 1, Percentile = score.Percentile, Tier = score.Tier, Contributions = score.Contributions,
                } : score;
            }
        }

        await Assert.ThrowsAnyAsync<Exception>(() => WriteAsync(store, newer, Stream()));

        await using var db = store.CreateContext();
        Assert.Equivalent(old, await db.ScoredModels.AsNoTracking().SingleAsync(), strict: true);
        Assert.Equivalent(ScoresOf(old, ids), await db.RiskScores.AsNoTracking().OrderBy(s => s.Rank).ToListAsync(), strict: true);
    }

    [SkippableTheory, ProviderData]
    public async Task TwoModelsWithLongNames_SharingAllButTheirLastCharacter_AreEachKept(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = await StoreAsync(database);
        var ids = await PatientIdsAsync(store);
        // 64 characters, the longest a model's name may be; PostgreSQL keeps 63 bytes of a table's name.
        var first = ModelOf("1.0.0", ids.Count, new string('a', 63) + "1");
        var second = ModelOf("1.0.0", ids.Count, new string('a', 63) + "2");

        await WriteAsync(store, first, ScoresOf(first, ids));
        await WriteAsync(store, second, ScoresOf(second, ids));
        await WriteAsync(store, first, ScoresOf(first, ids));

        await using var db = store.CreateContext();
        var rows = await db.RiskScores.AsNoTracking().GroupBy(s => s.Model).Select(g => new { Model = g.Key, Rows = g.Count() }).OrderBy(g => g.Model).ToListAsync();
        Assert.Equal([(first.Name, ids.Count), (second.Name, ids.Count)], rows.Select(r => (r.Model, r.Rows)));
    }

    [SkippableTheory, ProviderData]
    public async Task TwoModelsWrittenAtOnce_OneSwappingInWhileTheOtherIsStillCopying_EachEndsWithItsNewScores(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = await StoreAsync(database);
        var (ids, newAdmission, newMortality) = await TwoModelsWrittenOnceAsync(store, provider);
        IEnumerable<RiskScore> MortalityHeldHalfWay(Action hold)
        {
            foreach (var score in ScoresOf(newMortality, ids))
            {
                // The admission model swaps its scores in meanwhile: anything this write had locked that the swap needs
                // would hold it up until this write commits, which waits here for it.
                if (score.Rank == ids.Count / 2)
                    hold();
                yield return score;
            }
        }

        await WriteAdmissionWhileMortalityIsHeldAsync(store, newAdmission, ids, hold => WriteAsync(store, newMortality, MortalityHeldHalfWay(hold)));

        await using var reader = store.CreateContext();
        await AssertBothWholeAtTheirNewVersionAsync(reader, ids.Count);
        Assert.Equal(["2.0.0", "2.0.0"], await reader.ScoredModels.OrderBy(m => m.Name).Select(m => m.Version).ToListAsync());
        Assert.Equivalent(ScoresOf(newMortality, ids), await reader.RiskScores.AsNoTracking().Where(s => s.Model == newMortality.Name).OrderBy(s => s.Rank).ToListAsync(), strict: true);
    }

    [SkippableTheory, ProviderData]
    public async Task AWriteCommittingWhileAnotherIsOpenWithItsCellsCounted_EmptiesItsOldScoresButLeavesTheirTableForLater_AndEachEndsWithItsNewScores(DatabaseProvider provider)
    {
        await using var database = TestDatabase.For(provider);
        var store = await StoreAsync(database);
        var (ids, newAdmission, newMortality) = await TwoModelsWrittenOnceAsync(store, provider);
        // The mortality write is held once it has counted its cells (its transaction has read Patients), before its turn to swap.
        // Dropping the old admission partition locks Patients exclusively: a write that waited for that lock would wait for the
        // mortality write, which waits for it (and, let go, would deadlock with it over ScoredModels in its swap).
        await WriteAdmissionWhileMortalityIsHeldAsync(store, newAdmission, ids, async hold =>
        {
            await using var db = store.CreateContext();
            await new ScoredModelWriter(db, new PhaseStopwatch(new OnPhase("cells kept", hold), newMortality.Name))
                .ReplaceAsync(newMortality, ScoresOf(newMortality, ids), CancellationToken.None);
        });

        await using var reader = store.CreateContext();
        await AssertBothWholeAtTheirNewVersionAsync(reader, ids.Count);
        Assert.Equal(["RiskScores_detached_test-admission-12m"], await SetAsideAsync(reader));
        // Its rows were freed at once all the same: that locks the old partition alone.
        Assert.Equal(0, await reader.Database.SqlQueryRaw<int>("""SELECT count(*)::int AS "Value" FROM "RiskScores_detached_test-admission-12m" """).SingleAsync());
        await new ScoredModelWriter(reader).DropSetAsideAsync(newAdmission.Name, CancellationToken.None);
        Assert.Empty(await SetAsideAsync(reader));
    }

    /// <summary>
    /// Both test models written at 1.0.0, where the provider writes models at once (skipped elsewhere); returns the patients
    /// and both models at 2.0.0.
    /// </summary>
    private static async Task<(List<int> Ids, ScoredModel Admission, ScoredModel Mortality)> TwoModelsWrittenOnceAsync(PhmStore store, DatabaseProvider provider)
    {
        var ids = await PatientIdsAsync(store);
        var admission = ModelOf("1.0.0", ids.Count);
        var mortality = ModelOf("1.0.0", ids.Count, "test-mortality-12m");
        await WriteAsync(store, admission, ScoresOf(admission, ids));
        await WriteAsync(store, mortality, ScoresOf(mortality, ids));
        await using (var db = store.CreateContext())
            Skip.IfNot(ScoredModelWriter.ModelsWriteConcurrently(db), $"{provider} writes one model at a time.");
        return (ids, ModelOf("2.0.0", ids.Count), ModelOf("2.0.0", ids.Count, "test-mortality-12m"));
    }

    /// <summary>
    /// Starts the mortality model's write, which calls the hold it is given at the point a test chooses; once it is held there,
    /// writes the admission model, which must finish within 30 s meanwhile; then lets the mortality write go and waits for it.
    /// </summary>
    private static async Task WriteAdmissionWhileMortalityIsHeldAsync(PhmStore store, ScoredModel admission, List<int> ids, Func<Action, Task> writeMortality)
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var admissionWritten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Hold()
        {
            held.SetResult();
            admissionWritten.Task.Wait(TimeSpan.FromSeconds(30));
        }

        var mortalityWriting = Task.Run(() => writeMortality(Hold));
        await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            await WriteAsync(store, admission, ScoresOf(admission, ids)).WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            admissionWritten.SetResult();
        }
        await mortalityWriting.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static async Task AssertBothWholeAtTheirNewVersionAsync(PhmDbContext reader, int patients)
    {
        var versions = await reader.RiskScores.AsNoTracking().GroupBy(s => new { s.Model, s.ModelVersion }).Select(g => new { g.Key.Model, g.Key.ModelVersion, Rows = g.Count() })
            .OrderBy(g => g.Model).ToListAsync();
        Assert.Equal([("test-admission-12m", "2.0.0", patients), ("test-mortality-12m", "2.0.0", patients)], versions.Select(v => (v.Model, v.ModelVersion, v.Rows)));
    }

    private static Task<List<string>> SetAsideAsync(PhmDbContext db) =>
        db.Database.SqlQueryRaw<string>("""SELECT relname::text AS "Value" FROM pg_class WHERE relname LIKE 'RiskScores\_detached\_%' ORDER BY 1""").ToListAsync();

    /// <summary>Runs <paramref name="action"/> when a <see cref="PhaseStopwatch"/> logs the end of <paramref name="phase"/>.</summary>
    private sealed class OnPhase(string phase, Action action) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).Contains($": {phase} in ", StringComparison.Ordinal))
                action();
        }
    }

    [Fact]
    public async Task AScoreOfAnotherVersion_IsRefused_NamingBoth()
    {
        await using var database = TestDatabase.For(DatabaseProvider.Sqlite);
        var store = await StoreAsync(database);
        var ids = await PatientIdsAsync(store);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(store, ModelOf("2.0.0", ids.Count), ScoresOf(ModelOf("1.0.0", ids.Count), ids)));

        Assert.StartsWith("A score of test-admission-12m 1.0.0 cannot be written as one of test-admission-12m 2.0.0.", refused.Message);
    }

    private static async Task<PhmStore> StoreAsync(TestDatabase database)
    {
        var store = database.Store(population: 80, seed: 5);
        await store.EnsureReadyAsync(CancellationToken.None);
        return store;
    }
}
