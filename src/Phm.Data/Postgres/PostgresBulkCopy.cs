using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Phm.Data.Store;

namespace Phm.Data.Postgres;

/// <summary>Binary COPY: rows stream to the server with no statement per row. It joins the connection's open transaction.</summary>
internal sealed class PostgresBulkCopy(PostgresPhmDbContext db) : IBulkCopy
{
    /// <summary>Each COPY costs a round trip to start.</summary>
    public int RowsPerCopy => 10_000;

    public bool CanDropForeignKeys => true;

    /// <param name="tableMadeInTransaction">
    /// FREEZE: the rows are written frozen and their pages all-visible, as a VACUUM would leave them, so the first reads after the
    /// commit (the build's vacuum, the queries) do not write every page again to set its hint bits and visibility.
    /// </param>
    public Task CopyAsync(string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, bool tableMadeInTransaction, CancellationToken cancellationToken) =>
        CopyAllAsync(table, columns, rows, tableMadeInTransaction, cancellationToken);

    /// <summary>
    /// One COPY for all the rows: each COPY waits for the server to take the last of its rows before the next starts, and rows
    /// gathered for one live long enough to be promoted by the GC (at 2,000,000 patients a model's scores in COPYs of 10,000 rows
    /// took 7.5 s to make and copy, the GC pausing 0.8 s; in one COPY 5.9 s and 0.2 s).
    /// </summary>
    public async Task CopyAllAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, bool tableMadeInTransaction, CancellationToken cancellationToken)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        await PostgresBinaryCopy.CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(),
            $"COPY {sql.DelimitIdentifier(table)} ({string.Join(", ", columns.Select(sql.DelimitIdentifier))}) FROM STDIN (FORMAT BINARY{(tableMadeInTransaction ? ", FREEZE" : "")})",
            columns, rows, cancellationToken);
    }

    /// <summary>
    /// TRUNCATE: a table truncated in the transaction takes <c>COPY … FREEZE</c>, whose rows are written frozen and their pages
    /// all-visible, so the build's own statements read the loaded tables by index alone (the activity histories of 2,000,000
    /// patients: a grouped index-only scan where, with every row's visibility to check, the planner hashed 10.5 M groups
    /// and spilled them to disk), and the vacuum after the commit has little left to do.
    /// </summary>
    public string? TruncateSql(IReadOnlyList<string> tables)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        return $"TRUNCATE {string.Join(", ", tables.Select(sql.DelimitIdentifier))}";
    }

    public string RefreshStatisticsSql(IReadOnlyList<string> tables)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        return $"ANALYZE {string.Join(", ", tables.Select(sql.DelimitIdentifier))}";
    }

    /// <summary>
    /// VACUUM (ANALYZE): COPYed rows leave the tables without a visibility map, so an index-only scan (riskDistribution's covering
    /// index) still reads the heap for every row, and autovacuum comes to do it later, in the middle of the first requests.
    /// </summary>
    public string? AfterCommitSql(IReadOnlyList<string> tables)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        return $"VACUUM (ANALYZE) {string.Join(", ", tables.Select(sql.DelimitIdentifier))}";
    }
}
