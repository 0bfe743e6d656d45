using Npgsql;
using Phm.Data.Postgres;
using Phm.Data.Store;

namespace Phm.Data.Tests.Store;

/// <summary>Rows written in PostgreSQL's binary copy format (<see cref="PostgresBinaryCopy"/>), against a server.</summary>
public sealed class PostgresBinaryCopyTests
{
    private static readonly string[] Columns = ["id", "whole", "big", "fraction", "flag", "words", "code"];

    [SkippableFact]
    public async Task EachTypeOfValue_IsReadBackAsWritten_ExtremesNullsAndTextBeyondAsciiIncluded()
    {
        await using var connection = await OpenWithTableAsync();
        object?[][] rows =
        [
            [1, 0, 0L, 0.0, false, "", "A"],
            [2, int.MaxValue, long.MaxValue, double.MaxValue, true, "Zoë's 🩺 “care” plan", "Ω"],
            [3, int.MinValue, long.MinValue, -double.Epsilon, false, "line\nbreak\ttab\\", "E06000045"],
            [4, null, null, null, null, null, null],
            [5, -1, -1L, double.NaN, true, "x", "y"],
            [6, 42, 1L << 40, double.NegativeInfinity, false, "0.4123", "-0"],
        ];

        await CopyAsync(connection, rows);

        Assert.Equal(rows, await ReadAsync(connection));
    }

    [SkippableFact]
    public async Task RowsAcrossManyBuffers_AndATextLongerThanABuffer_AreAllWritten()
    {
        await using var connection = await OpenWithTableAsync();
        var longText = string.Concat(Enumerable.Repeat("é🩺x", 40_000));
        var rows = Enumerable.Range(1, 100_000)
            .Select(n => new object?[] { n, n * 3, (long)n << 33, n / 7.0, n % 2 == 0, n == 50_000 ? longText : $"row {n}", "c" });

        await CopyAsync(connection, rows);

        var read = await ReadAsync(connection);
        Assert.Equal(100_000, read.Count);
        Assert.All(read.Index(), row => Assert.Equal(new object?[] { row.Index + 1, 3 * (row.Index + 1), (long)(row.Index + 1) << 33, (row.Index + 1) / 7.0, (row.Index + 1) % 2 == 0,
            row.Index + 1 == 50_000 ? longText : $"row {row.Index + 1}", "c" }, row.Item));
    }

    public static TheoryData<object?[], string> Refused => new()
    {
        { [2, 1, 1L, 1.0, true, "x"], "Row 2 has 6 values for the 7 columns (id, whole, big, fraction, flag, words, code)." },
        { [2, 1, 1L, 1.0, true, "x", "y", "z"], "Row 2 has 8 values for the 7 columns (id, whole, big, fraction, flag, words, code)." },
        { [2, 1, 1L, 1.0, true, new DateTime(2021, 1, 1), "y"], "Row 2's words is a DateTime, which is not a type the binary copy writes (int, long, double, bool, string)." },
    };

    [SkippableTheory]
    [MemberData(nameof(Refused))]
    public async Task ARowThatCannotBeWritten_IsRefusedNamingIt_NoRowIsWritten_AndTheConnectionServesTheNextStatement(object?[] second, string reason)
    {
        await using var connection = await OpenWithTableAsync();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => CopyAsync(connection, [[1, 1, 1L, 1.0, true, "first", "a"], second]));

        Assert.StartsWith(reason, refused.Message, StringComparison.Ordinal);
        Assert.Empty(await ReadAsync(connection));
    }

    [SkippableFact]
    public async Task TextThatIsNotValidUtf16_IsRefusedNamingIt_NotWrittenWithAReplacementCharacter()
    {
        await using var connection = await OpenWithTableAsync();
        var loneSurrogate = "ab" + '\ud83e' + "c";

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => CopyAsync(connection, [[1, 1, 1L, 1.0, true, "first", "a"], [2, 1, 1L, 1.0, true, "ok", loneSurrogate]]));

        Assert.Equal("Row 2's code is not valid text (an unpaired surrogate at character 2).", refused.Message);
        Assert.Empty(await ReadAsync(connection));
    }

    [SkippableFact]
    public async Task ACopyCancelledByItsToken_FailsWithTheCancellation()
    {
        await using var connection = await OpenWithTableAsync();
        using var cancellation = new CancellationTokenSource();
        // Cancelled while rows are still to come: the next buffer's write sees the token.
        var rows = Enumerable.Range(1, 100_000).Select(n =>
        {
            if (n == 1_000)
                cancellation.Cancel();
            return new object?[] { n, n, (long)n, n / 7.0, true, $"row {n}", "c" };
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CopyAsync(connection, rows, cancellation.Token));
    }

    private static Task CopyAsync(NpgsqlConnection connection, IEnumerable<object?[]> rows, CancellationToken cancellationToken = default) =>
        PostgresBinaryCopy.CopyAsync(connection, $"COPY copied ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)", Columns, rows, cancellationToken);

    private static async Task<List<object?[]>> ReadAsync(NpgsqlConnection connection)
    {
        await using var select = new NpgsqlCommand($"SELECT {string.Join(", ", Columns)} FROM copied ORDER BY id", connection);
        await using var reader = await select.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
            rows.Add([.. Enumerable.Range(0, Columns.Length).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i))]);
        return rows;
    }

    /// <summary>A connection with a temporary table of each type the bulk rows hold, <c>character varying</c> among the texts.</summary>
    private static async Task<NpgsqlConnection> OpenWithTableAsync()
    {
        var connection = new NpgsqlConnection(TestDatabase.ServerConnectionString(DatabaseProvider.Postgres));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand(
            "CREATE TEMPORARY TABLE copied (id integer PRIMARY KEY, whole integer, big bigint, fraction double precision, flag boolean, words text, code character varying(9))",
            connection);
        await create.ExecuteNonQueryAsync();
        return connection;
    }
}
