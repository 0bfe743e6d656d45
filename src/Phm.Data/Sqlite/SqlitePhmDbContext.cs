using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Phm.Data.Store;

namespace Phm.Data.Sqlite;

public sealed class SqlitePhmDbContext(DbContextOptions<SqlitePhmDbContext> options) : PhmDbContext(options)
{
    public static void Configure(DbContextOptionsBuilder builder, string connectionString) => builder.UseSqlite(connectionString);

    internal override IBulkCopy CreateBulkCopy() => new SqliteBulkCopy(this);
}

/// <summary>For <c>dotnet ef</c>: adding a migration or generating a script needs the provider, not a database.</summary>
internal sealed class SqlitePhmDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePhmDbContext>
{
    public SqlitePhmDbContext CreateDbContext(string[] args) =>
        (SqlitePhmDbContext)PhmDatabase.CreateContext(DatabaseProvider.Sqlite, "Data Source=phm-design-time.db");
}
