using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Phm.Data.Store;

namespace Phm.Data.SqlServer;

public sealed class SqlServerPhmDbContext(DbContextOptions<SqlServerPhmDbContext> options) : PhmDbContext(options)
{
    public static void Configure(DbContextOptionsBuilder builder, string connectionString) => builder.UseSqlServer(connectionString);

    internal override IBulkCopy CreateBulkCopy() => new SqlServerBulkCopy(this);
}

/// <summary>For <c>dotnet ef</c>: adding a migration or generating a script needs the provider, not a database.</summary>
internal sealed class SqlServerPhmDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerPhmDbContext>
{
    public SqlServerPhmDbContext CreateDbContext(string[] args) =>
        (SqlServerPhmDbContext)PhmDatabase.CreateContext(DatabaseProvider.SqlServer, "Server=localhost;Database=phm");
}
