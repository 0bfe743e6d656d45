using Microsoft.EntityFrameworkCore;
using Npgsql;
using Phm.Data.Postgres;
using Phm.Data.Store;

namespace Phm.Data.Tests.Store;

/// <summary>How the hub's PostgreSQL sessions are set up, checked without a server.</summary>
public sealed class PostgresSessionTests
{
    [Fact]
    public void Sessions_RunWithoutJitCompilation_KeepingOtherOptions()
    {
        Assert.Equal("-c jit=off", OptionsOf("Host=db;Database=phm"));
        Assert.Equal("-c search_path=phm -c jit=off", OptionsOf("Host=db;Database=phm;Options=-c search_path=phm"));
    }

    [Fact]
    public void AConnectionStringThatSetsJit_IsLeftAsGiven() =>
        Assert.Equal("-c jit=on", OptionsOf("Host=db;Database=phm;Options=-c jit=on"));

    [Fact]
    public void TheConnectionPool_IsCappedWellUnderPostgresDefaultMaxConnections() =>
        Assert.Equal(PostgresPhmDbContext.DefaultMaxPoolSize, SessionsOf("Host=db;Database=phm").MaxPoolSize);

    [Theory]
    [InlineData("Host=db;Database=phm;Maximum Pool Size=60")]
    [InlineData("Host=db;Database=phm;MaxPoolSize=60")]
    public void APoolSizeInTheConnectionString_IsLeftAsGiven(string connectionString) =>
        Assert.Equal(60, SessionsOf(connectionString).MaxPoolSize);

    [Fact]
    public void ADefaultPoolSizeGivenExplicitly_IsLeftAsGiven() =>
        Assert.Equal(100, SessionsOf("Host=db;Database=phm;Maximum Pool Size=100").MaxPoolSize);

    [Fact]
    public void ARequestsQueries_AreEachRetried_ButAWholeRead_IsRetriedWhole_SoEfCoreNeedNotBufferItsRows()
    {
        using var db = PhmDatabase.CreateContext(DatabaseProvider.Postgres, "Host=db;Database=phm");
        db.RetryReads = true;
        // A strategy that says it retries makes EF Core read each query's rows into a buffer first, so that it can run the query again.
        Assert.True(db.Database.CreateExecutionStrategy().RetriesOnFailure);
        Assert.False(db.WholeReadStrategy().RetriesOnFailure);
        Assert.IsType<PostgresReadRetryStrategy>(db.WholeReadStrategy());
    }

    private static string? OptionsOf(string connectionString) => SessionsOf(connectionString).Options;

    private static NpgsqlConnectionStringBuilder SessionsOf(string connectionString)
    {
        using var db = PhmDatabase.CreateContext(DatabaseProvider.Postgres, connectionString);
        return new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
    }
}
