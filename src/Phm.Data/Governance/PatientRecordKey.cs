using System.Linq.Expressions;
using Phm.Data.Store;

namespace Phm.Data.Governance;

/// <summary>
/// The record key of a patient for disclosure control's cell-key perturbation: fixed for the patient and spread evenly over 0 to
/// 255, from the store's internal patient key (never shown outside the store) by a multiplicative hash, computed in SQL so that a
/// GROUP BY sums it beside its count. Here, beside the store, because the store keeps such sums (<see cref="Aggregates.KeptCells"/>).
/// </summary>
public static class PatientRecordKey
{
    /// <summary>Record keys run from 0 to 255, as in the ONS method; a cell key is their sum modulo 256.</summary>
    public const int Range = 256;

    public static Expression<Func<int, long>> Of { get; } = patientId => (long)patientId * 2654435761L % 4294967311L % Range;

    /// <summary><see cref="Of"/> computed here, for patients whose ids are already read (the same expression, so the same key).</summary>
    public static Func<int, long> OfId { get; } = Of.Compile();

    /// <summary>Each row with its patient's record key, computed in SQL.</summary>
    public static IQueryable<Keyed<TRow>> WithRecordKeys<TRow>(this IQueryable<TRow> rows, Expression<Func<TRow, int>> patientIdOf)
    {
        var row = patientIdOf.Parameters[0];
        var key = ExpressionRules.BodyOn(Of, patientIdOf.Body);
        var keyed = Expression.MemberInit(
            Expression.New(typeof(Keyed<TRow>)),
            Expression.Bind(typeof(Keyed<TRow>).GetProperty(nameof(Keyed<TRow>.Row))!, row),
            Expression.Bind(typeof(Keyed<TRow>).GetProperty(nameof(Keyed<TRow>.RecordKey))!, key));
        return rows.Select(Expression.Lambda<Func<TRow, Keyed<TRow>>>(keyed, row));
    }
}

/// <summary>A row of a query with the record key of its patient (<see cref="PatientRecordKey.Of"/>), for a GROUP BY to sum beside its count.</summary>
public sealed class Keyed<TRow>
{
    public required TRow Row { get; init; }
    public long RecordKey { get; init; }
}
