using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Phm.Data.Store;
using SQLitePCL;

namespace Phm.Data.Sqlite;

/// <summary>
/// Prepared INSERTs of many rows each, run through SQLite's own API on the context's connection (and so inside its
/// transaction), values bound by position: about 2M rows/s, where ADO.NET's single-row command manages some 750k and
/// EF Core's SaveChanges some 45k (see performance notes).
/// </summary>
internal sealed class SqliteBulkCopy(SqlitePhmDbContext db) : IBulkCopy
{
    /// <summary>Rows per INSERT statement: beyond about a hundred the gain levels off.</summary>
    private const int RowsPerStatement = 100;

    /// <summary>Preparing the INSERTs again per batch costs next to nothing.</summary>
    public int RowsPerCopy => 1_000;

    public bool CanDropForeignKeys => false;

    public Task CopyAsync(string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, bool tableMadeInTransaction, CancellationToken cancellationToken)
    {
        var connection = ((SqliteConnection)db.Database.GetDbConnection()).Handle
            ?? throw new InvalidOperationException("Bulk copy needs the context's connection open, inside its transaction.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var insert = $"INSERT INTO {sql.DelimitIdentifier(table)} ({string.Join(", ", columns.Select(sql.DelimitIdentifier))}) VALUES ";
        var row = "(" + string.Join(", ", columns.Select(_ => "?")) + ")";
        string Insert(int count) => insert + string.Join(", ", Enumerable.Repeat(row, count));

        var whole = rows.Count / RowsPerStatement;
        Execute(connection, Insert(RowsPerStatement), rows, 0, whole, RowsPerStatement);
        Execute(connection, Insert(rows.Count % RowsPerStatement), rows, whole * RowsPerStatement, 1, rows.Count % RowsPerStatement);
        return Task.CompletedTask;
    }

    public string? TruncateSql(IReadOnlyList<string> tables) => null;

    public string RefreshStatisticsSql(IReadOnlyList<string> tables) => "ANALYZE";

    public string? AfterCommitSql(IReadOnlyList<string> tables) => null;

    private static void Execute(sqlite3 connection, string sql, IReadOnlyList<object?[]> rows, int first, int statements, int rowsPerStatement)
    {
        if (statements == 0 || rowsPerStatement == 0)
            return;
        Check(raw.sqlite3_prepare_v2(connection, sql, out var statement), connection);
        using (statement)
        {
            var pointer = SqliteValueBinds.IsAvailable ? statement.DangerousGetHandle() : IntPtr.Zero;
            for (var s = 0; s < statements; s++)
            {
                var position = 1;
                for (var r = first + s * rowsPerStatement; r < first + (s + 1) * rowsPerStatement; r++)
                {
                    foreach (var value in rows[r])
                    {
                        if (pointer == IntPtr.Zero || !SqliteValueBinds.TryBind(pointer, position, value, out var bound))
                            bound = Bind(statement, position, value);
                        Check(bound, connection);
                        position++;
                    }
                }

                var result = raw.sqlite3_step(statement);
                if (result != raw.SQLITE_DONE)
                    Check(result, connection);
                Check(raw.sqlite3_reset(statement), connection);
            }
        }
    }

    /// <summary>Values arrive as the column types (<see cref="IBulkCopy.CopyAsync"/>): integers, reals, text or null.</summary>
    private static int Bind(sqlite3_stmt statement, int position, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(statement, position),
        int i => raw.sqlite3_bind_int64(statement, position, i),
        long l => raw.sqlite3_bind_int64(statement, position, l),
        bool b => raw.sqlite3_bind_int64(statement, position, b ? 1 : 0),
        double d => raw.sqlite3_bind_double(statement, position, d),
        string s => raw.sqlite3_bind_text(statement, position, s),
        _ => throw new NotSupportedException($"Bulk copy into SQLite takes integers, booleans, reals, text and nulls, not {value.GetType().Name}."),
    };

    private static void Check(int result, sqlite3 connection)
    {
        if (result != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(result, connection);
    }
}
