using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Phm.Data.Store;

/// <summary>Rows for one table, gathered in column order for <see cref="IBulkCopy"/>; column names come from the model.</summary>
internal sealed class BulkRowBuffer(ITable table, params string[] properties)
{
    public ITable Table { get; } = table;

    /// <summary>The table the rows go into: <see cref="Table"/>'s own unless they load a table of its shape.</summary>
    public string Into { get; init; } = table.Name;

    public IReadOnlyList<string> Columns { get; } = properties
        .Select(p => table.EntityTypeMappings.Single().TypeBase.FindProperty(p)?.GetColumnName()
            ?? throw new InvalidOperationException($"{table.Name}.{p} is not mapped."))
        .ToList();

    public List<object?[]> Rows { get; } = [];

    public void Add(params object?[] values) => Rows.Add(values);

    /// <summary>Copies <paramref name="rows"/>, made as they are read, rather than rows gathered here (<see cref="IBulkCopy.CopyAllAsync"/>).</summary>
    public Task CopyAllAsync(IBulkCopy bulkCopy, IEnumerable<object?[]> rows, bool intoTableMadeInTransaction, CancellationToken cancellationToken) =>
        bulkCopy.CopyAllAsync(Into, Columns, rows, intoTableMadeInTransaction, cancellationToken);

    /// <summary>Copies the rows gathered so far and empties the buffer.</summary>
    /// <param name="intoTableMadeInTransaction">Whether <see cref="Into"/> was created or emptied in the current transaction (<see cref="IBulkCopy.CopyAsync"/>).</param>
    public async Task CopyAsync(IBulkCopy bulkCopy, bool intoTableMadeInTransaction, CancellationToken cancellationToken)
    {
        if (Rows.Count == 0)
            return;
        await bulkCopy.CopyAsync(Into, Columns, Rows, intoTableMadeInTransaction, cancellationToken);
        Rows.Clear();
    }
}
