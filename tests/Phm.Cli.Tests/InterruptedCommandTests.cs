using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Phm.Data.Store;
using Phm.Ml.Scoring;

namespace Phm.Cli.Tests;

/// <summary>
/// <c>phm build</c> (its store or the new store's scores), <c>phm ingest</c> and <c>phm score</c> killed with SIGKILL while they write (<see cref="ChildCommand"/>),
/// and <c>phm score</c> stopped with SIGTERM,
/// on SQLite and on PostgreSQL: the store is as it was before the unfinished work (whole ingest batches only), and the same
/// command run again completes.
/// </summary>
public sealed class InterruptedCommandTests : IAsyncLifetime
{
    private const int Seed = 7;
    private const int IngestBatchSize = 200;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "phm-cli-killed-" + Guid.NewGuid().ToString("N"));
    private readonly string _postgresDatabase = "phm_faults_killed_" + Guid.NewGuid().ToString("N");
    private DatabaseProvider _provider;

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task BuildKilledWhileWriting_LeavesThePreviousStore_AndTheRerunBuildsTheNewOne(DatabaseProvider provider)
    {
        await BuildAsync(provider, population: 500);
        var before = await FingerprintAsync();

        using (var build = Start(population: 30_000, "build"))
        {
            await build.WaitUntilAsync(() => WritingPopulation(), "writing the population", TimeSpan.FromMinutes(3));
            await build.KillAsync();
        }

        Assert.Equal(before, await FingerprintAsync());
        using var rerun = Start(population: 30_000, "build");
        Assert.Equal(0, await rerun.WaitForExitAsync());
        Assert.Equal(30_000, (await FingerprintAsync()).Patients);
    }

    /// <summary>On SQLite a new store's scores are written into the building file (a server's follow its committed build).</summary>
    [Fact]
    public async Task BuildKilledWhileScoringTheNewStore_OnSqlite_LeavesThePreviousStore_AndTheRerunPublishesItScored()
    {
        await BuildAsync(DatabaseProvider.Sqlite, population: 500);
        var before = await FingerprintAsync();

        using (var build = Start(population: 30_000, "build"))
        {
            await build.WaitUntilAsync(() => build.Printed.Contains("Read the risk features", StringComparison.Ordinal), "scoring the new store", TimeSpan.FromMinutes(5));
            await build.KillAsync();
        }

        Assert.Equal(before, await FingerprintAsync());
        using var rerun = Start(population: 30_000, "build");
        Assert.Equal(0, await rerun.WaitForExitAsync());
        var after = await FingerprintAsync();
        Assert.Equal(30_000, after.Patients);
        Assert.NotEmpty(after.Models);
        Assert.All(after.Models, model => Assert.Equal(model.PatientsScored, model.Scores));
        Assert.Equal(before.ScoreIndexes, after.ScoreIndexes);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task IngestKilledWhileWriting_LeavesWholeBatches_AndTheRerunLoadsTheRest(DatabaseProvider provider)
    {
        await BuildAsync(provider, population: 500);
        var before = await FingerprintAsync();
        const int patients = 20_000;
        var extract = WriteExtract(patients);
        string[] ingest = ["ingest", "csv", extract, "--batch-size", IngestBatchSize.ToString(CultureInfo.InvariantCulture), "--key-file", Path.Combine(_directory, "phm.key")];

        using (var killed = Start(population: 500, ingest))
        {
            await killed.WaitUntilAsync(() => killed.Printed.Contains("batch 3:", StringComparison.Ordinal), "its third batch", TimeSpan.FromMinutes(3));
            await killed.KillAsync();
        }

        var afterKill = await FingerprintAsync();
        var loaded = afterKill.Patients - before.Patients;
        Assert.InRange(loaded, 3 * IngestBatchSize, patients - IngestBatchSize);
        Assert.Equal(0, loaded % IngestBatchSize);
        using var rerun = Start(population: 500, ingest);
        Assert.Equal(0, await rerun.WaitForExitAsync());
        Assert.Contains($"loaded {2 * patients - loaded:N0}, updated 0, duplicates {loaded:N0},", rerun.Printed, StringComparison.Ordinal);
        Assert.Equal(before with { Patients = before.Patients + patients, Activities = before.Activities + patients, Ledger = before.Ledger + patients }, await FingerprintAsync());
    }

    /// <summary>How a test stops phm: SIGKILL (nothing of phm runs after it) or SIGTERM (phm cancels and unwinds).</summary>
    public enum Stop
    {
        Killed,
        Terminated,
    }

    public static TheoryData<DatabaseProvider, Stop> ProvidersAndStops => new()
    {
        { DatabaseProvider.Sqlite, Stop.Killed }, { DatabaseProvider.Sqlite, Stop.Terminated },
        { DatabaseProvider.Postgres, Stop.Killed }, { DatabaseProvider.Postgres, Stop.Terminated },
    };

    [SkippableTheory]
    [MemberData(nameof(ProvidersAndStops))]
    public async Task ScoreStoppedWhileWriting_LeavesThePreviousScores_AndTheRerunCompletes(DatabaseProvider provider, Stop stop)
    {
        await BuildAsync(provider, population: 30_000);
        using (var first = Start(population: 30_000, "score"))
            Assert.Equal(0, await first.WaitForExitAsync());
        var before = await FingerprintAsync();
        Assert.NotEmpty(before.Models);

        using (var stopped = Start(population: 30_000, "score", "--force"))
        await using (await HoldScoredModelsAsync())
        {
            await stopped.WaitUntilAsync(() => stopped.Printed.Contains(": Writing ", StringComparison.Ordinal), "writing the first model's scores", TimeSpan.FromMinutes(3));
            await stopped.WaitUntilAsync(() => WritingScores(), "the scores' rows being written", TimeSpan.FromMinutes(1));
            if (stop == Stop.Killed)
                await stopped.KillAsync();
            else
            {
                // Stopped, phm says so in a line, not a stack trace, and leaves the store as the kill does.
                Assert.Equal(PhmCommandLine.StoppedExitCode, await stopped.TerminateAsync());
                Assert.Contains("Stopped before it finished", stopped.Printed, StringComparison.Ordinal);
                Assert.DoesNotContain("Unhandled exception", stopped.Printed, StringComparison.Ordinal);
            }
        }

        // Each model's scores are replaced in a transaction of its own, so the stop may land after one or more models have
        // committed: every model keeps whole scores, its old ones or its new, and the one being written keeps its old ones.
        var afterStop = await FingerprintAsync();
        Assert.Equal(WithoutScores(before), WithoutScores(afterStop));
        Assert.Equal(before.Models.Select(m => m.Name), afterStop.Models.Select(m => m.Name));
        Assert.All(afterStop.Models, model => Assert.Equal(model.PatientsScored, model.Scores));
        Assert.Contains(afterStop.Models.Zip(before.Models), pair => pair.First == pair.Second);
        using var rerun = Start(population: 30_000, "score", "--force");
        Assert.Equal(0, await rerun.WaitForExitAsync());
        var after = await FingerprintAsync();
        Assert.All(after.Models, model => Assert.Equal(model.PatientsScored, model.Scores));
        Assert.All(after.Models.Zip(before.Models), pair => Assert.True(pair.First.ScoredAtUtc > pair.Second.ScoredAtUtc, $"{pair.First.Name} rescored"));
        Assert.Equal(before.ScoreIndexes, after.ScoreIndexes);
        Assert.Equal(before.ScoreTables, after.ScoreTables);
    }

    /// <summary>
    /// What a kill could leave half done: row counts, each model's row and its scores, the scores' indexes (dropped while they load
    /// on SQLite) and tables (on PostgreSQL a partition per model, and the table a model's new scores load into before the swap).
    /// </summary>
    private sealed record Fingerprint(int? Population, DateTimeOffset? BuiltAtUtc, int Patients, int Activities, int Ledger, int RegistersHeld, int ScoreIndexes, string ScoreTables, ModelScores[] Models)
    {
        public bool Equals(Fingerprint? other) => other is not null && ToString() == other.ToString();

        public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

        public override string ToString() =>
            $"{Population} {BuiltAtUtc:O} {Patients} {Activities} {Ledger} {RegistersHeld} {ScoreIndexes} {ScoreTables} [{string.Join("; ", Models.Select(m => m.ToString()))}]";
    }

    /// <summary>
    /// The store but its scores: a kill between a model's commit and the drop of the partition it set aside (PostgreSQL) leaves
    /// that table, unread, for the next write to drop.
    /// </summary>
    private static Fingerprint WithoutScores(Fingerprint fingerprint) => fingerprint with { ScoreIndexes = 0, ScoreTables = "", Models = [] };

    private sealed record ModelScores(string Name, DateTimeOffset ScoredAtUtc, int PatientsScored, int Scores);

    private async Task<Fingerprint> FingerprintAsync()
    {
        await using var db = PhmDatabase.CreateContext(_provider, ConnectionString(pooling: false));
        var manifest = await db.Manifest.SingleOrDefaultAsync();
        var models = await db.ScoredModels.OrderBy(m => m.Name).Select(m => new ModelScores(m.Name, m.ScoredAtUtc, m.PatientsScored, db.RiskScores.Count(s => s.Model == m.Name))).ToArrayAsync();
        var (indexes, tables) = _provider == DatabaseProvider.Sqlite
            ? ("SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'RiskScores'",
                "SELECT group_concat(name, ' ') AS \"Value\" FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'RiskScores%' ORDER BY name)")
            : ("SELECT count(*)::int AS \"Value\" FROM pg_indexes WHERE tablename LIKE 'RiskScores%'",
                "SELECT string_agg(relname, ' ' ORDER BY relname) AS \"Value\" FROM pg_class WHERE relname LIKE 'RiskScores%' AND relkind IN ('r', 'p')");
        return new Fingerprint(manifest?.Population, manifest?.BuiltAtUtc, await db.Patients.CountAsync(), await db.Activities.CountAsync(), await db.IngestedRecords.CountAsync(),
            await db.RegistersHeld.CountAsync(), await db.Database.SqlQueryRaw<int>(indexes).SingleAsync(), await db.Database.SqlQueryRaw<string>(tables).SingleAsync(), models);
    }

    /// <summary>The build's bulk copy is under way: the file being built has grown past its schema (SQLite), or a COPY runs (PostgreSQL).</summary>
    private bool WritingPopulation() => _provider == DatabaseProvider.Sqlite
        ? new FileInfo(Path.Combine(_directory, PhmStore.FileName + ".building")) is { Exists: true, Length: > 4_000_000 }
        : PostgresCopyRunning();

    /// <summary>
    /// The scores' rows are going in: the write-ahead log holds more than a page cache's worth (SQLite), or a writer, its model's
    /// new scores copied and indexed in its open transaction, waits to put them in place (PostgreSQL, <see cref="HoldScoredModelsAsync"/>).
    /// </summary>
    private bool WritingScores() => _provider == DatabaseProvider.Sqlite
        ? new FileInfo(Path.Combine(_directory, PhmStore.FileName + "-wal")) is { Exists: true, Length: > 4_000_000 }
        : PostgresSessionWaitingForLock();

    private bool PostgresCopyRunning() => PostgresSessionsOfTheStore(
        "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = {0} AND query LIKE 'COPY %' AND state = 'active'");

    private bool PostgresSessionWaitingForLock() => PostgresSessionsOfTheStore(
        "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = {0} AND wait_event_type = 'Lock'");

    /// <param name="count">Counts the sessions on the test's database (<c>{0}</c>) that do something.</param>
    private bool PostgresSessionsOfTheStore(string count)
    {
        using var db = PhmDatabase.CreateContext(DatabaseProvider.Postgres, PostgresServer());
        return db.Database.SqlQueryRaw<int>(count, _postgresDatabase).Single() > 0;
    }

    /// <summary>
    /// On PostgreSQL, locks the models' rows until disposed, so that a model's writer, which updates its row as it puts its new
    /// scores in place, waits there with everything else written: a kill is sure to land inside its transaction, which a poll for
    /// the copy (a few tenths of a second at 30,000 patients) could miss. Nothing on SQLite, whose writer a growing log shows.
    /// </summary>
    private async Task<IAsyncDisposable> HoldScoredModelsAsync()
    {
        var db = PhmDatabase.CreateContext(_provider, ConnectionString(pooling: false));
        if (_provider != DatabaseProvider.Postgres)
            return db;
        await db.Database.BeginTransactionAsync();
        await db.ScoredModels.FromSqlRaw("SELECT * FROM \"ScoredModels\" FOR UPDATE").ToListAsync();
        return db;
    }

    /// <summary>A patients.csv and an activity.csv (one contact each, with a record id) for <paramref name="patients"/> new patients with valid NHS numbers.</summary>
    private string WriteExtract(int patients)
    {
        var folder = Path.Combine(_directory, "extract");
        Directory.CreateDirectory(folder);
        var numbers = ValidNhsNumbers().Take(patients).ToList();
        File.WriteAllLines(Path.Combine(folder, "patients.csv"),
            ["nhs_number,birth_date,sex,ethnic_category,lsoa_code,practice_code", .. numbers.Select(n => $"{n},1950-03-09,F,A,E01017139,J82001")]);
        File.WriteAllLines(Path.Combine(folder, "activity.csv"),
            ["record_id,nhs_number,kind,date,length_of_stay_days", .. numbers.Select((n, i) => $"{i},{n},ae_attendance,2022-01-01,")]);
        return folder;
    }

    /// <summary>NHS numbers from 999 000 0000 up whose modulus 11 check digit is valid (the 999 range is never issued).</summary>
    private static IEnumerable<string> ValidNhsNumbers()
    {
        for (var stem = 999_000_000L; ; stem++)
        {
            var digits = stem.ToString(CultureInfo.InvariantCulture);
            var sum = digits.Select((d, i) => (d - '0') * (10 - i)).Sum();
            var check = 11 - (sum % 11);
            if (check == 10)
                continue;
            yield return digits + (check == 11 ? 0 : check).ToString(CultureInfo.InvariantCulture);
        }
    }

    private async Task BuildAsync(DatabaseProvider provider, int population)
    {
        _provider = provider;
        if (provider == DatabaseProvider.Postgres)
            PostgresServer();
        var options = new PhmOptions { DataDirectory = _directory, Population = population, Seed = Seed };
        options.Database.Provider = provider;
        options.Database.ConnectionString = provider == DatabaseProvider.Postgres ? ConnectionString(pooling: true) : null;
        await new PhmStore(Options.Create(options), TimeProvider.System, NullLogger<PhmStore>.Instance).EnsureReadyAsync(CancellationToken.None);
    }

    private ChildCommand Start(int population, params string[] args)
    {
        var environment = new Dictionary<string, string>
        {
            ["Phm__Population"] = population.ToString(CultureInfo.InvariantCulture),
            ["Phm__Seed"] = Seed.ToString(CultureInfo.InvariantCulture),
            [ModelsDirectory.ConfigurationKey.Replace(":", "__", StringComparison.Ordinal)] = ModelsDirectory.Resolve(configured: null),
        };
        if (_provider == DatabaseProvider.Postgres)
            environment["ConnectionStrings__Phm"] = ConnectionString(pooling: true);
        return ChildCommand.Start(environment, [.. args, "--data-directory", _directory, "--provider", _provider.ToString()]);
    }

    private string ConnectionString(bool pooling)
    {
        if (_provider == DatabaseProvider.Sqlite)
            return new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, PhmStore.FileName), Pooling = pooling }.ToString();
        var builder = new DbConnectionStringBuilder { ConnectionString = PostgresServer() };
        builder["Database"] = _postgresDatabase;
        builder["Pooling"] = pooling;
        return builder.ConnectionString;
    }

    /// <summary>The test server's connection string (<c>PHM_TEST_POSTGRES</c>); skips the test without one, or fails when PostgreSQL is required.</summary>
    private static string PostgresServer()
    {
        if (Environment.GetEnvironmentVariable("PHM_TEST_POSTGRES") is { Length: > 0 } server)
            return server;
        if (Environment.GetEnvironmentVariable("PHM_REQUIRE_POSTGRES") == "1")
            throw new InvalidOperationException("PHM_REQUIRE_POSTGRES=1 but PHM_TEST_POSTGRES is not set: run .ci/pg-setup.sh first.");
        Skip.If(true, "PostgreSQL is not configured: set PHM_TEST_POSTGRES to a connection string of a role that may create databases.");
        throw new System.Diagnostics.UnreachableException();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
        if (_provider == DatabaseProvider.Postgres && Environment.GetEnvironmentVariable("PHM_TEST_POSTGRES") is { Length: > 0 })
        {
            await using var db = PhmDatabase.CreateContext(DatabaseProvider.Postgres, ConnectionString(pooling: false));
            await db.Database.EnsureDeletedAsync();
        }
    }
}
