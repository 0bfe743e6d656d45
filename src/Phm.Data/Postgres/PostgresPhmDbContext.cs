using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;
using Phm.Data.Store;

namespace Phm.Data.Postgres;

public sealed class PostgresPhmDbContext(DbContextOptions<PostgresPhmDbContext> options) : PhmDbContext(options)
{
    public static void Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(WithoutJit(connectionString), npgsql => npgsql.ExecutionStrategy(dependencies => new PostgresReadRetryStrategy(dependencies)));

    /// <summary>
    /// The hub's sessions run without PostgreSQL's JIT compilation (unless the connection string's Options already say how): the
    /// cohort criteria and segmentation are large statements whose estimated cost passes the JIT thresholds, and compiling them
    /// took about 3 s of a 4 s One Team cohort count, which runs in well under 1 s without it (EXPLAIN ANALYZE, README).
    /// </summary>
    private static string WithoutJit(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (settings.Options?.Contains("jit", StringComparison.Ordinal) == true)
            return connectionString;
        settings.Options = string.IsNullOrWhiteSpace(settings.Options) ? "-c jit=off" : settings.Options + " -c jit=off";
        return settings.ConnectionString;
    }

    internal override IBulkCopy CreateBulkCopy() => new PostgresBulkCopy(this);
}

/// <summary>For <c>dotnet ef</c>: adding a migration or generating a script needs the provider, not a database.</summary>
internal sealed class PostgresPhmDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPhmDbContext>
{
    public PostgresPhmDbContext CreateDbContext(string[] args) =>
        (PostgresPhmDbContext)PhmDatabase.CreateContext(DatabaseProvider.Postgres, "Host=localhost;Database=phm");
}
