using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Governance;

namespace Phm.Api.Governance;

public static class RecordKeys
{
    /// <summary>
    /// How many rows there are and the sum of their patients' record keys, in one statement: the cell of a count shown alone or as
    /// a table's total, so that the same rows always get the same noise.
    /// </summary>
    public static async Task<CellCount> CellAsync<TRow>(this IQueryable<TRow> rows, Expression<Func<TRow, int>> patientIdOf, CancellationToken cancellationToken)
    {
        var cell = await rows.WithRecordKeys(patientIdOf).GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Keys = g.Sum(k => k.RecordKey) })
            .SingleOrDefaultAsync(cancellationToken);
        return cell is null ? CellCount.Empty : new CellCount(cell.Count, cell.Keys);
    }
}
