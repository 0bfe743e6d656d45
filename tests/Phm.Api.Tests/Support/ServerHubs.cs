using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Phm.Data.Store;

namespace Phm.Api.Tests.Support;

/// <summary>
/// The same hub (same seed and population, so the same patients) on a database server, in a database of its own that is
/// dropped afterwards. Without the server's connection string its tests are skipped with the reason, unless the server
/// is required (PostgreSQL in CI), when they fail instead.
/// </summary>
public abstract class ServerHub(DatabaseProvider provider, string serverVariable, string? requireVariable) : IAsyncDisposable
{
    private Lazy<ServerApiFactory?>? _factory;

    public DatabaseProvider Provider => provider;

    /// <summary>The hub on the server; skips the calling <c>[SkippableFact]</c> when no server is configured.</summary>
    public PhmApiFactory Hub
    {
        get
        {
            _factory ??= new(() => Environment.GetEnvironmentVariable(serverVariable) is { Length: > 0 } server ? new ServerApiFactory(provider, server) : null);
            if (_factory.Value is { } factory)
                return factory;
            if (requireVariable is not null && Environment.GetEnvironmentVariable(requireVariable) == "1")
                throw new InvalidOperationException($"{requireVariable}=1 but {serverVariable} is not set: run .ci/pg-setup.sh first.");
            Skip.If(true, $"{provider} is not configured: set {serverVariable} to a connection string of a login that may create databases.");
            throw new System.Diagnostics.UnreachableException();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is { IsValueCreated: true, Value: { } factory })
            await factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private sealed class ServerApiFactory : PhmApiFactory
    {
        private readonly DatabaseProvider _provider;
        private readonly string _connectionString;

        public ServerApiFactory(DatabaseProvider provider, string server)
            : base($"phm-api-tests-{provider}-{Environment.ProcessId}".ToLowerInvariant())
        {
            _provider = provider;
            var builder = new DbConnectionStringBuilder { ConnectionString = server };
            // PHM_TEST_DATABASE_PREFIX keeps the databases of runs that share a server apart by name.
            builder["Database"] = (Environment.GetEnvironmentVariable("PHM_TEST_DATABASE_PREFIX") ?? "phm_api_test_") + Guid.NewGuid().ToString("N");
            _connectionString = builder.ConnectionString;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Phm:Database:Provider", _provider.ToString());
            builder.UseSetting("ConnectionStrings:Phm", _connectionString);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await using var db = PhmDatabase.CreateContext(_provider, _connectionString);
            await db.Database.EnsureDeletedAsync();
        }
    }
}

/// <summary>PostgreSQL from <c>PHM_TEST_POSTGRES</c>; required in CI (<c>PHM_REQUIRE_POSTGRES=1</c>).</summary>
public sealed class PostgresHub() : ServerHub(DatabaseProvider.Postgres, "PHM_TEST_POSTGRES", "PHM_REQUIRE_POSTGRES");

/// <summary>SQL Server from <c>PHM_TEST_SQLSERVER</c>; CI has none, so these cases are skipped there.</summary>
public sealed class SqlServerHub() : ServerHub(DatabaseProvider.SqlServer, "PHM_TEST_SQLSERVER", requireVariable: null);
