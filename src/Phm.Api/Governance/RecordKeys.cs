using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Store;

namespace Phm.Api.Governance;

/// <summary>A row of a query with the record key of its patient (<see cref="Disclosure.RecordKey"/>), for a GROUP BY to sum beside its count.</summary>
public sealed class Keyed<TRow>
{
    public required TRow Row { get; init; }
    public long RecordKey { get; init; }
}

public static class RecordKeys
{
    /// <summary>Each row with its patient's record key, computed in SQL.</summary>
    public static IQueryable<Keyed<TRow>> WithRecordKeys<TRow>(this IQueryable<TRow> rows, Expression<Func<TRow, int>> patientIdOf)
    {
        var row = patientIdOf.Parameters[0];
        var key = new ExpressionRules.ParameterReplacer(new() { [Disclosure.RecordKey.Parameters[0]] = patientIdOf.Body }).Visit(Disclosure.RecordKey.Body);
        var keyed = Expression.MemberInit(
            Expression.New(typeof(Keyed<TRow>)),
            Expression.Bind(typeof(Keyed<TRow>).GetProperty(nameof(Keyed<TRow>.Row))!, row),
            Expression.Bind(typeof(Keyed<TRow>).GetProperty(nameof(Keyed<TRow>.RecordKey))!, key));
        return rows.Select(Expression.Lambda<Func<TRow, Keyed<TRow>>>(keyed, row));
    }

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
