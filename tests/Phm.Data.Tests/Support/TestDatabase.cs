using System.Data.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Phm.Data.Store;

namespace Phm.Data.Tests.Support;

/// <summary>
/// A store of one test's own: a temporary folder for SQLite, a uniquely named database on a server (created by the
/// first migration, dropped at the end), so tests and runs never collide.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>Set to 1 in CI, where PostgreSQL is installed: its tests must run there, so a missing server fails them.</summary>
    public const string RequirePostgresVariable = "PHM_REQUIRE_POSTGRES";

    private static readonly Dictionary<DatabaseProvider, string> ServerVariables = new()
    {
        [DatabaseProvider.Postgres] = "PHM_TEST_POSTGRES",
        [DatabaseProvider.SqlServer] = "PHM_TEST_SQLSERVER",
    };

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "phm-store-" + Guid.NewGuid().ToString("N"));
    private readonly string? _connectionString;

    private TestDatabase(DatabaseProvider provider, string? connectionString)
    {
        Provider = provider;
        _connectionString = connectionString;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>Skips the calling <c>[SkippableTheory]</c> when the provider's server is not configured.</summary>
    public static TestDatabase For(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
            return new TestDatabase(provider, null);

        var builder = new DbConnectionStringBuilder { ConnectionString = ServerConnectionString(provider) };
        builder["Database"] = "phm_test_" + Guid.NewGuid().ToString("N");
        return new TestDatabase(provider, builder.ConnectionString);
    }

    /// <summary>The configured server's connection string (its own database), for a test that needs no store; skips as <see cref="For"/> does.</summary>
    public static string ServerConnectionString(DatabaseProvider provider)
    {
        var variable = ServerVariables[provider];
        var serverConnectionString = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(serverConnectionString))
        {
            if (provider == DatabaseProvider.Postgres && Environment.GetEnvironmentVariable(RequirePostgresVariable) == "1")
                throw new InvalidOperationException($"{RequirePostgresVariable}=1 but {variable} is not set: run .ci/pg-setup.sh first.");
            Skip.If(true, $"{provider} is not configured: set {variable} to a connection string (a role that may create databases) to run this case.");
        }
        return serverConnectionString!;
    }

    public PhmStore Store(int population, int seed, TimeProvider? time = null) =>
        new(Options.Create(new PhmOptions
        {
            DataDirectory = _directory,
            Population = population,
            Seed = seed,
            Database = new PhmDatabaseOptions { Provider = Provider, ConnectionString = _connectionString },
        }), time ?? TimeProvider.System, NullLogger<PhmStore>.Instance);

    public async ValueTask DisposeAsync()
    {
        if (_connectionString is not null)
        {
            await using var db = PhmDatabase.CreateContext(Provider, _connectionString);
            await db.Database.EnsureDeletedAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
