using Microsoft.EntityFrameworkCore;
using Npgsql;
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

    private static string? OptionsOf(string connectionString)
    {
        using var db = PhmDatabase.CreateContext(DatabaseProvider.Postgres, connectionString);
        return new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).Options;
    }
}
