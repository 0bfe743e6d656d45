using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Phm.Data.Store;

/// <summary>The table rows go into through <see cref="IBulkCopy"/> and its columns in the rows' value order, named from the model.</summary>
internal class BulkColumns(ITable table, params string[] properties)
{
    public ITable Table { get; } = table;

    /// <summary>The table the rows go into: <see cref="Table"/>'s own unless they load a table of its shape.</summary>
    public string Into { get; init; } = table.Name;

    public IReadOnlyList<string> Columns { get; } = properties
        .Select(p => table.EntityTypeMappings.Single().TypeBase.FindProperty(p)?.GetColumnName()
            ?? throw new InvalidOperationException($"{table.Name}.{p} is not mapped."))
        .ToList();

    /// <summary>Copies <paramref name="rows"/>, made as they are read (<see cref="IBulkCopy.CopyAllAsync"/>).</summary>
    public Task CopyAllAsync(IBulkCopy bulkCopy, IEnumerable<object?[]> rows, bool intoTableMadeInTransaction, CancellationToken cancellationToken) =>
        bulkCopy.CopyAllAsync(Into, Columns, rows, intoTableMadeInTransaction, cancellationToken);
}
