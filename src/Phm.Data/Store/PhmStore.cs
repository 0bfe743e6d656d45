using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Phm.Data.Aggregates;
using Phm.Data.Cohorts;
using Phm.Data.Patients;
using Phm.Data.Population;
using Phm.Data.Segmentation;

namespace Phm.Data.Store;

/// <summary>
/// Brings the store up to date at start: applies migrations, then reuses a complete store built from the same settings
/// or builds a new one. SQLite builds into a temporary file renamed into place only when complete; a database server
/// replaces its contents in one transaction. Either way an interrupted build leaves the previous store as it was.
/// </summary>
public sealed class PhmStore(IOptions<PhmOptions> options, TimeProvider time, ILogger<PhmStore> logger)
{
    public const string FileName = "phm.db";

    private readonly PhmOptions _options = options.Value;

    private DatabaseProvider Provider => _options.Database.Provider;

    /// <summary>The SQLite file; unused on a database server.</summary>
    public string FilePath => Path.Combine(_options.ResolveDataDirectory(), FileName);

    public string ConnectionString => Provider == DatabaseProvider.Sqlite
        ? SqliteConnectionStringFor(FilePath)
        : _options.Database.ConnectionString is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException($"Phm:Database:Provider is {Provider}: set ConnectionStrings:{PhmDataServiceCollectionExtensions.ConnectionStringName}.");

    public PhmDbContext CreateContext() => PhmDatabase.CreateContext(Provider, ConnectionString);

    /// <summary>The store as this process last prepared it (<see cref="EnsureReadyAsync(CompleteBuild?, CancellationToken)"/>); null until then. The hub is ready only after.</summary>
    public StoreManifest? Prepared { get; private set; }

    public Task<StoreManifest> EnsureReadyAsync(CancellationToken cancellationToken) => EnsureReadyAsync(completeBuild: null, cancellationToken);

    /// <param name="completeBuild">
    /// Work that a newly built store gets before anyone reads it (the hub's first risk scores), given contexts on it; not run when
    /// the store is reused. On SQLite it writes into the building file under the build's settings (<see cref="BuildSettings"/>),
    /// so its rows are part of the one rename: an interrupted first start leaves the previous store, never a store without them.
    /// A database server's build has committed by then (its contents are replaced in place), so the work follows it there.
    /// </param>
    public async Task<StoreManifest> EnsureReadyAsync(CompleteBuild? completeBuild, CancellationToken cancellationToken)
    {
        EnsureDataDirectoryWritable();
        var directory = _options.ResolveReferenceDataDirectory();
        var wanted = new PopulationSettings(_options.Seed, _options.Population ?? ReferenceData.ReadTotalListSize(directory), _options.LocalAuthority);
        // Most of a restart would go on reading England's IMD files, which only a build needs.
        ReferenceData LoadReference() => ReferenceData.Load(directory, _options.LocalAuthority, _options.ResolveNeighbouringAuthorities());
        var prepared = Provider == DatabaseProvider.Sqlite
            ? await EnsureFileReadyAsync(LoadReference, wanted, completeBuild, cancellationToken)
            : await EnsureServerReadyAsync(LoadReference, wanted, completeBuild, cancellationToken);
        await using (var db = CreateContext())
        {
            if (await OneTeamCohorts.SeedAsync(db, time, cancellationToken) is > 0 and var added)
                logger.LogInformation("Added {Versions} built-in One Team cohort version(s)", added);
        }
        Prepared = prepared;
        StoreChanges.Record();
        return Prepared;
    }

    /// <summary>
    /// Waits until no other hub is preparing this store (<see cref="StorePreparationLock"/>), then holds it off until disposed: taken
    /// around <see cref="EnsureReadyAsync(CompleteBuild?, CancellationToken)"/> and the scoring of the store.
    /// </summary>
    public Task<StorePreparationLock> LockPreparationAsync(CancellationToken cancellationToken) =>
        StorePreparationLock.TakeAsync(Provider, CreateContext, cancellationToken);

    /// <summary>Applies pending schema migrations without building or changing data; returns the names applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        EnsureDataDirectoryWritable();
        await using var db = CreateContext();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await MigrateWithoutTimeoutAsync(db, cancellationToken);
        return pending;
    }

    /// <summary>
    /// The store as it is, brought up to this version as a hub's start brings a reused one: pending migrations applied, then the
    /// derived rows a store built by an older version lacks (<see cref="FillDerivedRowsAsync"/>). For the commands that read or
    /// change a built store without building it (scoring, ingest): scoring reads the registers held, and an ingest's rewrite of
    /// its own patients' registers would otherwise leave the rest missing for good (the fill looks for an empty table).
    /// </summary>
    public async Task UpgradeInPlaceAsync(CancellationToken cancellationToken)
    {
        EnsureDataDirectoryWritable();
        await using var db = CreateContext();
        await MigrateWithoutTimeoutAsync(db, cancellationToken);
        if (await db.Manifest.AsNoTracking().SingleOrDefaultAsync(cancellationToken) is { } manifest)
            await FillDerivedRowsAsync(db, manifest, cancellationToken);
    }

    /// <summary>
    /// SQLite writes its store, its write-ahead log and the audit trail into the data directory: a read-only or full one is
    /// refused at once, naming it (<see cref="UnwritablePathException"/>). A server's data directory holds only the signing key.
    /// </summary>
    private void EnsureDataDirectoryWritable()
    {
        if (Provider == DatabaseProvider.Sqlite)
            UnwritablePathException.EnsureWritableDirectory(_options.ResolveDataDirectory());
    }

    private async Task<StoreManifest> EnsureServerReadyAsync(Func<ReferenceData> loadReference, PopulationSettings wanted, CompleteBuild? completeBuild, CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        await MigrateWithoutTimeoutAsync(db, cancellationToken);
        var existing = await db.Manifest.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (CanReuse(existing, wanted))
        {
            await FillDerivedRowsAsync(db, existing, cancellationToken);
            return existing;
        }

        var reference = loadReference();
        LogBuilding(wanted);
        var phases = new PhaseStopwatch(logger, "Store build");
        var manifest = await new StoreLoader(db, time, phases).LoadAsync(reference, wanted, cancellationToken);
        if (await BulkLoadMaintenance.AfterCommitAsync(db, BulkWriter.TablesOf(db), cancellationToken))
            logger.LogInformation("Vacuumed and analysed the loaded tables in {Seconds:F1} s", phases.Lap("loaded tables vacuumed and analysed").TotalSeconds);
        if (completeBuild is not null)
            await completeBuild(CreateContext, cancellationToken);
        logger.LogInformation("Store ready on {Provider}", Provider);
        return manifest;
    }

    private async Task<StoreManifest> EnsureFileReadyAsync(Func<ReferenceData> loadReference, PopulationSettings wanted, CompleteBuild? completeBuild, CancellationToken cancellationToken)
    {
        var existing = await ReadManifestAsync(cancellationToken);
        if (CanReuse(existing, wanted))
        {
            // A store built by an older version gets the migrations added since, in place.
            await using var db = CreateContext();
            await MigrateWithoutTimeoutAsync(db, cancellationToken);
            await FillDerivedRowsAsync(db, existing, cancellationToken);
            return existing;
        }

        var phases = new PhaseStopwatch(logger, "Store build");
        var reference = loadReference();
        Directory.CreateDirectory(_options.ResolveDataDirectory());
        var buildPath = FilePath + ".building";
        DeleteDatabaseFiles(buildPath);
        LogBuilding(wanted);
        phases.Lap("reference data read");

        StoreManifest manifest;
        // Unpooled: a pooled connection would outlive a failed build and reopen the deleted file on the next attempt.
        var buildConnectionString = new SqliteConnectionStringBuilder { DataSource = buildPath, Pooling = false }.ToString();
        // Each connection held open for its context's life, so the build's settings hold for every statement of it.
        PhmDbContext CreateBuildingContext()
        {
            var building = PhmDatabase.CreateContext(DatabaseProvider.Sqlite, buildConnectionString);
            building.Database.OpenConnection();
            building.Database.ExecuteSqlRaw(BuildSettings);
            return building;
        }
        try
        {
            await using var db = CreateBuildingContext();
            await MigrateWithoutTimeoutAsync(db, cancellationToken);
            phases.Lap("migrations");
            manifest = await new StoreLoader(db, time, phases).LoadAsync(reference, wanted, cancellationToken);
            await CarryOverCohortDefinitionsAsync(db, cancellationToken);
            phases.Lap("cohort definitions carried over");
            if (completeBuild is not null)
            {
                await completeBuild(CreateBuildingContext, cancellationToken);
                phases.Lap("build completed (risk scores)");
            }
            // Readers (the API) and the occasional writer (cohorts, audit) then work side by side.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL", cancellationToken);
            phases.Lap("write-ahead log on");
        }
        catch (Exception e) when (UnwritablePathException.From(e, buildPath) is { } unwritable)
        {
            // A disk that filled during the build gets its space back; the previous store was never touched.
            DeleteDatabaseFiles(buildPath);
            throw unwritable;
        }

        SqliteConnection.ClearAllPools();
        SyncToDisk(buildPath);
        phases.Lap("synced to disk");
        DeleteDatabaseFiles(FilePath);
        File.Move(buildPath, FilePath);
        phases.Lap("renamed into place");
        logger.LogInformation("Store ready at {Path}", FilePath);
        return manifest;
    }

    /// <summary>
    /// Copies the saved cohort definitions of the store being replaced into the new file, with their ids (the audit trail names
    /// them): they are user data, which a database server's rebuild keeps in place (<see cref="StoreLoader"/>). Their snapshots
    /// are not copied, since they name patients of the old population.
    /// </summary>
    private async Task CarryOverCohortDefinitionsAsync(PhmDbContext building, CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
            return;
        List<CohortDefinition> definitions;
        try
        {
            await using var previous = CreateContext();
            if (!(await previous.Database.GetAppliedMigrationsAsync(cancellationToken)).Any())
                return;
            // A store from before cohorts gets their (empty) tables first.
            await MigrateWithoutTimeoutAsync(previous, cancellationToken);
            definitions = await previous.CohortDefinitions.AsNoTracking().OrderBy(d => d.Id).ToListAsync(cancellationToken);
        }
        catch (SqliteException)
        {
            // An unreadable store had nothing to keep (it is rebuilt for that reason).
            return;
        }
        building.CohortDefinitions.AddRange(definitions);
        await building.SaveChangesAsync(cancellationToken);
        building.ChangeTracker.Clear();
        if (definitions.Count > 0)
            logger.LogInformation("Kept {Definitions} saved cohort definition version(s) through the rebuild", definitions.Count);
    }

    /// <summary>Applies pending migrations with no command timeout: one that indexes a city's activity rows outlasts any ordinary timeout.</summary>
    private static async Task MigrateWithoutTimeoutAsync(PhmDbContext db, CancellationToken cancellationToken)
    {
        db.Database.SetCommandTimeout(0);
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// A store built before activity histories, registers held, segments or kept cells were written with it gets them once, when it
    /// is first reused: without them, the risk features would read as if nobody had any activity, and register counts, segments and
    /// the aggregates read from cells as if nobody held a register, was in a segment or was counted.
    /// </summary>
    private async Task FillDerivedRowsAsync(PhmDbContext db, StoreManifest manifest, CancellationToken cancellationToken)
    {
        var historiesMissing = !await db.ActivityHistories.AnyAsync(cancellationToken) && await db.Activities.AnyAsync(cancellationToken);
        var registersMissing = !await db.RegistersHeld.AnyAsync(cancellationToken) && await db.Conditions.AnyAsync(cancellationToken);
        var segmentsMissing = !await db.PatientSegments.AnyAsync(cancellationToken) && await db.Patients.AnyAsync(cancellationToken);
        var cellsMissing = await KeptCells.MissingAsync(db, cancellationToken);
        if (!historiesMissing && !registersMissing && !segmentsMissing && !cellsMissing)
            return;
        db.Database.SetCommandTimeout(0);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (historiesMissing)
            logger.LogInformation("Wrote the {Rows} activity histories at the reference date, which the store had not recorded",
                await ActivityHistory.WriteKeptAsync(db, manifest.ReferenceDate, patientIds: null, cancellationToken));
        var registersWritten = registersMissing ? await RegisterRules.WriteRegistersHeldAsync(db, manifest.ReferenceDate, patientIds: null, cancellationToken) : 0;
        if (registersWritten > 0)
            logger.LogInformation("Wrote the {Rows} registers held at the reference date, which the store had not recorded", registersWritten);
        // Segments read the registers held, so they follow them, everyone's: segments written while the registers were missing
        // counted nobody as holding one. Only those who hold one now could change, but that is much of a city, passed as a list
        // of ids larger than the rewrite it saves. Conditions that place nobody on a register at the reference date write no
        // registers, so the segments stand (else every start would rewrite them).
        if (segmentsMissing || registersWritten > 0)
            logger.LogInformation("Wrote the segments of {Rows} living patients at the reference date, which the store had not recorded",
                await SegmentRules.WriteSegmentsAsync(db, manifest.ReferenceDate, patientIds: null, cancellationToken));
        if (cellsMissing)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await KeptCells.RefreshAsync(db, manifest.ReferenceDate, cancellationToken);
            logger.LogInformation("Counted the kept cells of the patients and scores, which the store had not recorded, in {Elapsed}",
                System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        await transaction.CommitAsync(cancellationToken);
        // The planner needs to know the new tables (and, on SQLite, where ANALYZE takes everything, the indexes added with them);
        // on PostgreSQL they are vacuumed too, as after a build: else the first reads of the new rows (the next scoring's, of 10.5 M
        // activity histories at 2,000,000 patients) write their pages again to set hint bits, and autovacuum comes to do it later.
        if (!await BulkLoadMaintenance.AfterCommitAsync(db, DerivedRows.TableNames(db), cancellationToken))
            await db.Database.ExecuteSqlRawAsync(db.CreateBulkCopy().RefreshStatisticsSql(DerivedRows.TableNames(db)), cancellationToken);
    }

    private bool CanReuse([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] StoreManifest? existing, PopulationSettings wanted)
    {
        if (existing is not null && wanted.Matches(existing))
        {
            logger.LogInformation("Reusing the store on {Provider} (seed {Seed}, {Population} patients)", Provider, existing.Seed, existing.Population);
            return true;
        }
        if (existing is not null)
            logger.LogInformation("Settings changed since the store was built; rebuilding it");
        return false;
    }

    private void LogBuilding(PopulationSettings settings) =>
        logger.LogInformation("Building the store on {Provider}: {Population} patients, seed {Seed}. This takes a minute on first start", Provider, settings.Population, settings.Seed);

    private async Task<StoreManifest?> ReadManifestAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
            return null;
        try
        {
            await using var db = CreateContext();
            // Stores built before migrations (EnsureCreated) have no history to migrate from: rebuild them.
            if (!(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any())
                return null;
            return await db.Manifest.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        }
        catch (SqliteException)
        {
            // An unreadable or foreign file is treated like a missing store and rebuilt.
            return null;
        }
    }

    /// <summary>
    /// The build's connection settings. The file is renamed into place only when complete, and a failed build's file is deleted,
    /// never reused: so the build needs no journal on disk (it keeps one in memory, so a failure still rolls back cleanly) and no
    /// sync per commit, only one sync of the finished file before the rename (<see cref="SyncToDisk"/>), so a crash after the
    /// rename never finds a torn store. Set before the migrations, which would otherwise create the file in write-ahead-log mode:
    /// every page of the build was then written twice, to the log and at the commit into the file. The page cache stays at its
    /// default: a larger one made SQLite's index builds sort in longer in-memory runs that cost more CPU (an activity index:
    /// 8.0 s of CPU with the 2 MB default, 12.9 s with 32 MB, 18.9 s with 128 MB). One helper thread of SQLite's sorter sorts
    /// and writes each full run while the index build reads on (the bundled SQLite allows 8, default none): the population's
    /// twelve indexes took the same CPU with it (17.9 s against 16.5-18.5 s), on a second core otherwise idle at that point.
    /// </summary>
    private const string BuildSettings = "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA threads = 1;";

    /// <summary>Flushes a finished build's file to the disk, as the build itself does not (<see cref="BuildSettings"/>).</summary>
    private static void SyncToDisk(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        file.Flush(flushToDisk: true);
    }

    private static string SqliteConnectionStringFor(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();

    private static void DeleteDatabaseFiles(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            File.Delete(path + suffix);
    }
}

/// <summary>Work on a newly built store before it is published (<see cref="PhmStore.EnsureReadyAsync(CompleteBuild?, CancellationToken)"/>).</summary>
/// <param name="createContext">Contexts on the new store, each of its own connection (one at a time may write).</param>
public delegate Task CompleteBuild(Func<PhmDbContext> createContext, CancellationToken cancellationToken);
