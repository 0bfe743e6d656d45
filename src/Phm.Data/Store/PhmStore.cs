using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Phm.Data.Population;

namespace Phm.Data.Store;

/// <summary>
/// The embedded SQLite store. A store is built whole into a temporary file and renamed into place only when complete,
/// so a start interrupted mid-build never leaves a half-built store behind.
/// </summary>
public sealed class PhmStore(IOptions<PhmOptions> options, TimeProvider time, ILogger<PhmStore> logger)
{
    public const string FileName = "phm.db";

    private readonly PhmOptions _options = options.Value;

    public string FilePath => Path.Combine(_options.ResolveDataDirectory(), FileName);

    public string ConnectionString => ConnectionStringFor(FilePath);

    public static string ConnectionStringFor(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();

    /// <summary>Reuses a complete store built from the same settings, or builds a new one.</summary>
    public async Task<StoreManifest> EnsureReadyAsync(CancellationToken cancellationToken)
    {
        var reference = ReferenceData.Load(_options.ResolveReferenceDataDirectory(), _options.LocalAuthority, _options.ResolveNeighbouringAuthorities());
        var wanted = new PopulationSettings(_options.Seed, _options.Population ?? reference.TotalListSize, _options.LocalAuthority);

        var existing = await ReadManifestAsync(FilePath, cancellationToken);
        if (existing is not null && wanted.Matches(existing))
        {
            logger.LogInformation("Reusing the store at {Path} (seed {Seed}, {Population} patients)", FilePath, existing.Seed, existing.Population);
            return existing;
        }

        if (existing is not null)
            logger.LogInformation("Settings changed since the store was built; rebuilding it");
        return await BuildAsync(reference, wanted, cancellationToken);
    }

    private async Task<StoreManifest> BuildAsync(ReferenceData reference, PopulationSettings settings, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_options.ResolveDataDirectory());
        var buildPath = FilePath + ".building";
        DeleteDatabaseFiles(buildPath);
        logger.LogInformation("Building the store: {Population} patients, seed {Seed}. This takes a minute on first start", settings.Population, settings.Seed);

        StoreManifest manifest;
        await using (var db = CreateContext(buildPath))
        {
            await db.Database.EnsureCreatedAsync(cancellationToken);
            manifest = await new StoreLoader(db, time).LoadAsync(reference, settings, cancellationToken);
        }

        await using (var connection = new SqliteConnection(ConnectionStringFor(buildPath)))
        {
            // Readers (the API) and the occasional writer (cohorts, audit) then work side by side.
            await connection.OpenAsync(cancellationToken);
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        SqliteConnection.ClearAllPools();
        DeleteDatabaseFiles(FilePath);
        File.Move(buildPath, FilePath);
        logger.LogInformation("Store ready at {Path}", FilePath);
        return manifest;
    }

    public static PhmDbContext CreateContext(string path) =>
        new(new DbContextOptionsBuilder<PhmDbContext>().UseSqlite(ConnectionStringFor(path)).Options);

    private static async Task<StoreManifest?> ReadManifestAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            await using var db = CreateContext(path);
            return await db.Manifest.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        }
        catch (SqliteException)
        {
            // An unreadable or foreign file is treated like a missing store and rebuilt.
            return null;
        }
    }

    private static void DeleteDatabaseFiles(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            File.Delete(path + suffix);
    }
}
