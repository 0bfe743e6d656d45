using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Phm.Data.Store;

namespace Phm.Api.Tests.Providers;

/// <summary>
/// The same hub (same seed and population, so the same patients) on PostgreSQL, in a database of its own that is dropped
/// afterwards. Without <c>PHM_TEST_POSTGRES</c> its tests are skipped with the reason; with <c>PHM_REQUIRE_POSTGRES=1</c>
/// (CI) they fail instead.
/// </summary>
public sealed class PostgresHub : IAsyncDisposable
{
    private const string ServerVariable = "PHM_TEST_POSTGRES";
    private const string RequireVariable = "PHM_REQUIRE_POSTGRES";

    private readonly Lazy<PostgresApiFactory?> _factory = new(() =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? new PostgresApiFactory(server) : null);

    /// <summary>The hub on PostgreSQL; skips the calling <c>[SkippableFact]</c> when no server is configured.</summary>
    public PhmApiFactory Hub
    {
        get
        {
            if (_factory.Value is { } factory)
                return factory;
            if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
                throw new InvalidOperationException($"{RequireVariable}=1 but {ServerVariable} is not set: run .ci/pg-setup.sh first.");
            Skip.If(true, $"PostgreSQL is not configured: set {ServerVariable} to a connection string of a role that may create databases.");
            throw new System.Diagnostics.UnreachableException();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory.IsValueCreated && _factory.Value is { } factory)
            await factory.DisposeAsync();
    }

    private sealed class PostgresApiFactory : PhmApiFactory
    {
        private readonly string _connectionString;

        public PostgresApiFactory(string server)
            : base("phm-api-tests-postgres-" + Environment.ProcessId)
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = server };
            builder["Database"] = "phm_api_test_" + Guid.NewGuid().ToString("N");
            _connectionString = builder.ConnectionString;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Phm:Database:Provider", nameof(DatabaseProvider.Postgres));
            builder.UseSetting("ConnectionStrings:Phm", _connectionString);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await using var db = PhmDatabase.CreateContext(DatabaseProvider.Postgres, _connectionString);
            await db.Database.EnsureDeletedAsync();
        }
    }
}
