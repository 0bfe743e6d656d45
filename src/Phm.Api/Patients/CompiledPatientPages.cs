using System.Collections.Concurrent;
using System.Linq.Expressions;
using GraphQL.Types.Relay.DataObjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Phm.Data.Cohorts;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Api.Patients;

/// <summary>
/// A page of <c>patients</c> in id order whose filter is one practice the clinician's scope lists, with at most one national quintile
/// and one register (a practice's worklist, the page most asked for), read through an EF Core compiled query of its shape. Built per
/// request, such a page spent 15% of the hub's CPU building its LINQ query from the filter and having EF Core turn that query into
/// its cache key and parameters (README "Speed against PostGraphile"); compiled, both happen once a shape. The query is composed by
/// the same code as every page (<see cref="PatientFilter.Apply"/>, <see cref="CohortPredicates"/>, <see cref="PatientPages"/>), with
/// the filter's values as the compiled query's parameters (<see cref="CohortPredicates.LeafParameters"/>); any other filter, a risk
/// order or a total count takes the query built per request.
/// </summary>
internal static class CompiledPatientPages
{
    /// <summary>
    /// Whether <paramref name="filter"/> has the shape compiled here, on <paramref name="db"/>'s scope: its practice must be one the
    /// scope lists, as the compiled query lifts the scope's filter for that practice's own (<see cref="PhmDbContext.PatientsOfListedPractice"/>).
    /// None of these criteria reads the reference date, which a compiled query would otherwise hold from its first request.
    /// The filter must hold nothing else: compared with one made of those criteria alone, so that a criterion added to the filter
    /// later takes the query built per request rather than being compiled in with its first request's value.
    /// </summary>
    public static bool Serves(PatientFilter filter, PhmDbContext db) =>
        filter is { Practice: { } practice }
        && filter == new PatientFilter(Practice: practice, NationalQuintile: filter.NationalQuintile, Registers: filter.Registers)
        && filter.Registers is null or { Length: <= 1 }
        && db.ScopeListsPractice(practice);

    /// <summary>
    /// The page of <paramref name="first"/> after the cursor <paramref name="after"/> (when given) of the patients meeting
    /// <paramref name="filter"/>, which <see cref="Serves"/> must have accepted for <paramref name="db"/>; with <paramref name="conditions"/>,
    /// the patients' register entries read in the same statement and given to it. With <paramref name="keysAlone"/> (the page's patients
    /// asked only for <see cref="PatientKeyFields.ReadingKeysAlone"/>), each patient is read as its <see cref="PatientKeyFields.Keys"/>; with
    /// <paramref name="entriesWithoutCodes"/> (their <c>conditions</c> asked only for <see cref="ConditionFields.ReadingTheEntryAlone"/>), each
    /// register entry as <see cref="ConditionFields.WithoutCodes"/>, for the page's own patients alone.
    /// </summary>
    public static async Task<Connection<Patient>> PageAsync(
        PatientFilter filter, PhmDbContext db, DateOnly referenceDate, int first, string? after, ConditionsByPatientLoader? conditions,
        bool keysAlone, bool entriesWithoutCodes, CancellationToken cancellationToken)
    {
        var shape = new Shape(db.Model, filter.NationalQuintile is not null, filter.Registers is [_], after is not null, keysAlone,
            EntriesWithoutCodes: conditions is not null && entriesWithoutCodes);
        var practice = filter.Practice!;
        var quintile = filter.NationalQuintile ?? 0;
        var register = filter.Registers is [var only] ? only : default;
        var afterPseudonym = after is null ? "" : PatientPages.PseudonymAfter(after);
        List<Patient> rows;
        if (conditions is null)
        {
            var page = Patients.For(shape, filter, db, referenceDate);
            rows = await db.ReadWholeAsync(context => page(context, practice, quintile, register, afterPseudonym, first + 1), cancellationToken);
        }
        else
        {
            var page = WithConditions.For(shape, filter, db, referenceDate);
            rows = PatientPages.Primed(
                await db.ReadWholeAsync(context => page(context, practice, quintile, register, afterPseudonym, first + 1), cancellationToken), conditions,
                shape.EntriesWithoutCodes);
        }
        return PatientPages.ToConnection(rows, first, after, totalCount: null);
    }

    private static readonly Queries<Patient> Patients = new((page, shape) => shape.KeysAlone ? page.Select(PatientKeyFields.Keys) : page);

    private static readonly Queries<PatientPages.PatientAndEntry> WithConditions =
        new((page, shape) => PatientPages.WithTheirConditions(page, shape.KeysAlone, shape.EntriesWithoutCodes));

    /// <summary>
    /// What makes one compiled query: the provider's model (a query is compiled for one) and which of the optional criteria are
    /// given, whether the patients are read as their keys alone and their register entries without their codes. Bounded: two providers'
    /// models at most in a hub, thirty-two shapes each.
    /// </summary>
    private sealed record Shape(IModel Model, bool NationalQuintile, bool Register, bool After, bool KeysAlone, bool EntriesWithoutCodes);

    /// <summary>
    /// A compiled page: its parameters the practice, the national quintile, the register, the pseudonym after which the page starts
    /// and the rows to read (the page and one beyond); a criterion its shape does not hold is not read.
    /// </summary>
    private delegate IAsyncEnumerable<T> CompiledPage<T>(PhmDbContext db, string practice, int nationalQuintile, ConditionRegister register, string afterPseudonym, int take);

    /// <summary>The compiled queries of each shape that read <typeparamref name="T"/>, the page of patients selected by <paramref name="select"/> (given the shape's columns).</summary>
    private sealed class Queries<T>(Func<IQueryable<Patient>, Shape, IQueryable<T>> select)
    {
        private readonly ConcurrentDictionary<Shape, CompiledPage<T>> compiled = new();

        /// <summary>
        /// The compiled query of <paramref name="shape"/>, composed on its first request from that request's filter and context: its values
        /// are replaced by the parameters, and the context gives only the tables' query roots (EF Core compiles against the first context too).
        /// </summary>
        public CompiledPage<T> For(Shape shape, PatientFilter filter, PhmDbContext db, DateOnly referenceDate) =>
            compiled.GetOrAdd(shape, _ => Compile(shape, filter, db, referenceDate));

        private CompiledPage<T> Compile(Shape shape, PatientFilter filter, PhmDbContext db, DateOnly referenceDate)
        {
            var context = Expression.Parameter(typeof(PhmDbContext), "db");
            var practice = Expression.Parameter(typeof(string), "practice");
            var nationalQuintile = Expression.Parameter(typeof(int), "nationalQuintile");
            var register = Expression.Parameter(typeof(ConditionRegister), "register");
            var afterPseudonym = Expression.Parameter(typeof(string), "afterPseudonym");
            var take = Expression.Parameter(typeof(int), "take");
            var parameters = new CohortPredicates.LeafParameters(practice, shape.NationalQuintile ? nationalQuintile : null, shape.Register ? register : null);
            var patients = filter.Apply(db, referenceDate, parameters).AsNoTracking();
            var page = select(PatientPages.InIdOrder(patients, shape.After ? afterPseudonym : null, take, sortEveryMatch: false), shape);
            var query = EF.CompileAsyncQuery(Expression.Lambda<Func<PhmDbContext, string, int, ConditionRegister, string, int, IQueryable<T>>>(
                page.Expression, context, practice, nationalQuintile, register, afterPseudonym, take));
            return new CompiledPage<T>(query);
        }
    }
}
