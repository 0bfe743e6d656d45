using Npgsql;
using Phm.Data.Postgres;
using Phm.Data.Store;

namespace Phm.Data.Tests.Store;

/// <summary>Whole numbers read through PostgreSQL's COPY in text form (<see cref="PostgresTextCopy"/>), against a server.</summary>
public sealed class PostgresTextCopyTests
{
    [SkippableFact]
    public async Task EveryRow_IsItsNumbersInSelectOrder_NegativesAndTheExtremesOfTheRangeIncluded()
    {
        await using var connection = await OpenAsync();

        var rows = Read(connection, "SELECT * FROM (VALUES (1, 0, -7), (2, 2147483647, -2147483648), (3, 42, 10)) AS v(a, b, c) ORDER BY a", 3);

        Assert.Equal([[1, 0, -7], [2, int.MaxValue, int.MinValue], [3, 42, 10]], rows);
    }

    [SkippableFact]
    public async Task RowsAcrossManyBuffers_AreReadWhole()
    {
        await using var connection = await OpenAsync();

        var rows = Read(connection, "SELECT n, n * 3, -n FROM generate_series(1, 100000) AS n ORDER BY n", 3);

        Assert.Equal(100_000, rows.Count);
        Assert.All(rows.Index(), row => Assert.Equal([row.Index + 1, 3 * (row.Index + 1), -(row.Index + 1)], row.Item));
    }

    [SkippableFact]
    public async Task NoRows_AreNoRows()
    {
        await using var connection = await OpenAsync();

        Assert.Empty(Read(connection, "SELECT 1, 2 WHERE false", 2));
    }

    [SkippableTheory]
    [InlineData("SELECT 1, 1 UNION ALL SELECT 1, NULL", 2, 2)]
    [InlineData("SELECT 1, 1::bigint UNION ALL SELECT 1, 2147483648", 2, 2)]
    [InlineData("SELECT 1, -2147483649::bigint", 2, 1)]
    [InlineData("SELECT 1, 1::numeric UNION ALL SELECT 1, 1.5", 2, 2)]
    [InlineData("SELECT '1', '1' UNION ALL SELECT '1', 'x'", 2, 2)]
    [InlineData("SELECT '1', '1' UNION ALL SELECT '1', '-'", 2, 2)]
    [InlineData("SELECT 1, 2, 3", 2, 1)]
    [InlineData("SELECT 1", 2, 1)]
    public async Task ARowThatIsNotItsWholeNumbers_IsRefused_NamingIt(string select, int columns, int row)
    {
        await using var connection = await OpenAsync();

        var refused = Assert.Throws<InvalidDataException>(() => Read(connection, select, columns));

        Assert.Equal($"Row {row} of the test rows is not {columns} whole numbers in the range of a 32-bit integer.", refused.Message);
    }

    [SkippableFact]
    public async Task ACopyLeftBeforeItsEnd_IsCancelled_AndTheConnectionServesTheNextStatement()
    {
        await using var connection = await OpenAsync();

        var first = PostgresTextCopy.ReadIntegers(connection, "SELECT n FROM generate_series(1, 10000000) AS n", 1, "the test rows").Take(3).Select(v => v[0]).ToList();
        await using var next = new NpgsqlCommand("SELECT 41 + 1", connection);

        Assert.Equal([1, 2, 3], first);
        Assert.Equal(42, await next.ExecuteScalarAsync());
    }

    private static List<int[]> Read(NpgsqlConnection connection, string select, int columns) =>
        [.. PostgresTextCopy.ReadIntegers(connection, select, columns, "the test rows").Select(values => values.ToArray())];

    private static async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(TestDatabase.ServerConnectionString(DatabaseProvider.Postgres));
        await connection.OpenAsync();
        return connection;
    }
}
