namespace Phm.Data.Store;

/// <summary>One provider's bulk path into a table; <see cref="BulkWriter"/> does the rest the same way everywhere.</summary>
internal interface IBulkCopy
{
    /// <summary>
    /// Whether foreign keys can be dropped for the load and added back (checked in one pass) afterwards. SQLite cannot
    /// alter a table's constraints in place.
    /// </summary>
    bool CanDropForeignKeys { get; }

    /// <summary>
    /// Rows to gather before a copy: enough to amortise the copy's start, few enough to die young. Rows held longer
    /// survive into older GC generations, which costs the server GC hundreds of MB at a city's scale.
    /// </summary>
    int RowsPerCopy { get; }

    /// <summary>Appends rows whose values are in <paramref name="columns"/> order and already of the column types.</summary>
    /// <param name="tableMadeInTransaction">
    /// The table was created in the context's current transaction, so no other transaction can see it before the commit: the
    /// provider may write the rows as already committed (PostgreSQL's <c>COPY … FREEZE</c>).
    /// </param>
    Task CopyAsync(string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, bool tableMadeInTransaction, CancellationToken cancellationToken);

    /// <summary>
    /// Appends every row of <paramref name="rows"/>, made as they are read: a provider that streams rows to the server copies
    /// them all in one go, each row let go as soon as it is written; by default they are gathered <see cref="RowsPerCopy"/> at a time.
    /// </summary>
    async Task CopyAllAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, bool tableMadeInTransaction, CancellationToken cancellationToken)
    {
        foreach (var batch in rows.Chunk(RowsPerCopy))
            await CopyAsync(table, columns, batch, tableMadeInTransaction, cancellationToken);
    }

    /// <summary>
    /// SQL that empties all of <paramref name="tables"/> in one statement (foreign keys among them, and from no others, allowed) such
    /// that rows copied into them later in the same transaction may be written as already committed (<see cref="CopyAsync"/>'s
    /// <c>tableMadeInTransaction</c>); null where the provider has no such way, and the caller deletes the rows instead.
    /// </summary>
    string? TruncateSql(IReadOnlyList<string> tables);

    /// <summary>SQL that refreshes the planner's statistics for the tables after a load.</summary>
    string RefreshStatisticsSql(IReadOnlyList<string> tables);

    /// <summary>
    /// SQL to run on the tables once the load's transaction has committed, outside any transaction; null when the provider
    /// needs none (<see cref="BulkLoadMaintenance"/>).
    /// </summary>
    string? AfterCommitSql(IReadOnlyList<string> tables);
}
