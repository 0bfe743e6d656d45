using Microsoft.EntityFrameworkCore.Metadata;

namespace Phm.Data.Store;

/// <summary>Rows for one table, gathered in column order for <see cref="IBulkCopy"/> (<see cref="BulkColumns"/>).</summary>
internal sealed class BulkRowBuffer(ITable table, params string[] properties) : BulkColumns(table, properties)
{
    public List<object?[]> Rows { get; } = [];

    public void Add(params object?[] values) => Rows.Add(values);

    /// <summary>Copies the rows gathered so far and empties the buffer.</summary>
    /// <param name="intoTableMadeInTransaction">Whether <see cref="BulkColumns.Into"/> was created or emptied in the current transaction (<see cref="IBulkCopy.CopyAsync"/>).</param>
    public async Task CopyAsync(IBulkCopy bulkCopy, bool intoTableMadeInTransaction, CancellationToken cancellationToken)
    {
        if (Rows.Count == 0)
            return;
        await bulkCopy.CopyAsync(Into, Columns, Rows, intoTableMadeInTransaction, cancellationToken);
        Rows.Clear();
    }
}
