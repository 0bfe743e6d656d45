using Microsoft.Data.SqlClient;

namespace Phm.Data.Tests.Store;

/// <summary>What the SQL Server provider needs of the runtime, checked without a server.</summary>
public sealed class SqlServerClientTests
{
    [Fact]
    public async Task TriesToReachTheServer_RatherThanRefusingTheRuntimesGlobalizationMode()
    {
        // Microsoft.Data.SqlClient refuses to open any connection in globalization-invariant mode
        // (NotSupportedException), which a server-less CI would never notice; port 1 on loopback refuses at once.
        await using var connection = new SqlConnection("Server=tcp:127.0.0.1,1;Connect Timeout=2;Encrypt=False");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => connection.OpenAsync());

        Assert.IsType<SqlException>(error);
    }
}
