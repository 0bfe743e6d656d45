using System.Data;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Phm.Data.Store;

namespace Phm.Data.SqlServer;

/// <summary><see cref="SqlBulkCopy"/> inside the context's transaction, with a table lock so the load is minimally logged.</summary>
internal sealed class SqlServerBulkCopy(SqlServerPhmDbContext db) : IBulkCopy
{
    /// <summary>Each SqlBulkCopy costs round trips for the destination's metadata.</summary>
    public int RowsPerCopy => 10_000;

    public bool CanDropForeignKeys => true;

    public async Task CopyAsync(string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, bool tableMadeInTransaction, CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var connection = (SqlConnection)db.Database.GetDbConnection();
        var transaction = (SqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        using var copy = new SqlBulkCopy(connection, SqlBulkCopyOptions.TableLock, transaction)
        {
            DestinationTableName = sql.DelimitIdentifier(table),
            BulkCopyTimeout = 0,
            EnableStreaming = true,
        };
        using var data = new DataTable();
        foreach (var column in columns)
        {
            // Object columns: SqlBulkCopy converts each value to its destination column's type.
            data.Columns.Add(column, typeof(object));
            copy.ColumnMappings.Add(column, column);
        }
        foreach (var row in rows)
            data.Rows.Add(row.Select(value => value ?? DBNull.Value).ToArray());
        await copy.WriteToServerAsync(data, cancellationToken);
    }

    // TRUNCATE TABLE refuses a table any foreign key references, even from a table truncated with it.
    public string? TruncateSql(IReadOnlyList<string> tables) => null;

    public string RefreshStatisticsSql(IReadOnlyList<string> tables)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        return string.Join(";\n", tables.Select(table => $"UPDATE STATISTICS {sql.DelimitIdentifier(table)}"));
    }

    public string? AfterCommitSql(IReadOnlyList<string> tables) => null;
}
