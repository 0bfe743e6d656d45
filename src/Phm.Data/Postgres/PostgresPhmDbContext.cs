using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Phm.Data.Store;

namespace Phm.Data.Postgres;

public sealed class PostgresPhmDbContext(DbContextOptions<PostgresPhmDbContext> options) : PhmDbContext(options)
{
    public static void Configure(DbContextOptionsBuilder builder, string connectionString) => builder.UseNpgsql(connectionString);

    internal override IBulkCopy CreateBulkCopy() => new PostgresBulkCopy(this);
}

/// <summary>For <c>dotnet ef</c>: adding a migration or generating a script needs the provider, not a database.</summary>
internal sealed class PostgresPhmDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPhmDbContext>
{
    public PostgresPhmDbContext CreateDbContext(string[] args) =>
        (PostgresPhmDbContext)PhmDatabase.CreateContext(DatabaseProvider.Postgres, "Host=localhost;Database=phm");
}
