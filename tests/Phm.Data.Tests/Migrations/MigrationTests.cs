using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Phm.Data.Store;

namespace Phm.Data.Tests.Migrations;

/// <summary>
/// Migrations and the SQL scripts in <c>db/</c> keep up with the model on every provider. None of this needs a server:
/// the providers generate SQL offline. <c>db/add-migration.sh</c> rewrites the scripts by running these tests with
/// <c>PHM_WRITE_DB_SCRIPTS=1</c>.
/// </summary>
public sealed class MigrationTests
{
    public static TheoryData<DatabaseProvider> Providers => new(Enum.GetValues<DatabaseProvider>());

    [Theory, MemberData(nameof(Providers))]
    public void TheModel_HasNoChange_ThatNoMigrationCovers(DatabaseProvider provider)
    {
        using var db = OfflineContext(provider);

        Assert.False(db.Database.HasPendingModelChanges(), $"Add a migration: db/add-migration.sh <Name> ({provider} differs from the model).");
    }

    [Fact]
    public void EveryProvider_HasTheSameMigrations_InTheSameOrder()
    {
        var names = Enum.GetValues<DatabaseProvider>().ToDictionary(p => p, p =>
        {
            using var db = OfflineContext(p);
            return db.Database.GetMigrations().Select(NameOf).ToList();
        });

        Assert.NotEmpty(names[DatabaseProvider.Sqlite]);
        Assert.All(names.Values, migrations => Assert.Equal(names[DatabaseProvider.Sqlite], migrations));
    }

    [Theory, MemberData(nameof(Providers))]
    public void TheScriptsInDb_AreThoseTheMigrationsGenerate(DatabaseProvider provider)
    {
        var directory = Path.Combine(RepositoryRoot(), "db", provider.ToString().ToLowerInvariant());
        var expected = ExpectedScripts(provider);

        if (Environment.GetEnvironmentVariable("PHM_WRITE_DB_SCRIPTS") == "1")
            Write(directory, expected);

        var committed = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.sql").ToDictionary(f => Path.GetFileName(f), File.ReadAllText)
            : [];
        Assert.Equal(expected.Keys.Order(), committed.Keys.Order());
        Assert.All(expected, script => Assert.True(committed[script.Key] == script.Value,
            $"db/{Path.GetFileName(directory)}/{script.Key} is stale: run db/add-migration.sh's last line (PHM_WRITE_DB_SCRIPTS=1 dotnet test ...)."));
    }

    /// <summary>
    /// One script per migration, named <c>yyyy-MM-dd_NN_Name.sql</c> (NN counts that day's migrations); idempotent
    /// where the database can check its migrations history inside the script (not SQLite).
    /// </summary>
    private static Dictionary<string, string> ExpectedScripts(DatabaseProvider provider)
    {
        using var db = OfflineContext(provider);
        var migrator = db.GetService<IMigrator>();
        var options = provider == DatabaseProvider.Sqlite ? MigrationsSqlGenerationOptions.Default : MigrationsSqlGenerationOptions.Idempotent;
        var scripts = new Dictionary<string, string>();
        string? previous = null;
        var migrations = db.Database.GetMigrations().ToList();
        foreach (var (migration, index) in migrations.Select((m, i) => (m, i)))
        {
            var day = DateOnly.ParseExact(migration[..8], "yyyyMMdd", CultureInfo.InvariantCulture);
            var sequence = migrations.Take(index).Count(m => m.StartsWith(migration[..8], StringComparison.Ordinal));
            scripts[$"{day:yyyy-MM-dd}_{sequence:00}_{NameOf(migration)}.sql"] = migrator.GenerateScript(previous, migration, options);
            previous = migration;
        }
        return scripts;
    }

    private static void Write(string directory, Dictionary<string, string> scripts)
    {
        Directory.CreateDirectory(directory);
        foreach (var stale in Directory.GetFiles(directory, "*.sql").Where(f => !scripts.ContainsKey(Path.GetFileName(f))))
            File.Delete(stale);
        foreach (var (name, sql) in scripts)
            File.WriteAllText(Path.Combine(directory, name), sql);
    }

    /// <summary>The migration's name without its timestamp, e.g. <c>InitialCreate</c>.</summary>
    private static string NameOf(string migrationId) => migrationId[(migrationId.IndexOf('_', StringComparison.Ordinal) + 1)..];

    private static PhmDbContext OfflineContext(DatabaseProvider provider) => PhmDatabase.CreateContext(provider, provider switch
    {
        DatabaseProvider.Sqlite => "Data Source=:memory:",
        DatabaseProvider.Postgres => "Host=localhost;Database=phm",
        _ => "Server=localhost;Database=phm",
    });

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PHM.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("PHM.sln not found above the test binaries.");
    }
}
