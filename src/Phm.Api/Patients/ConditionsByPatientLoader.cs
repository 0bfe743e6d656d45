using System.Linq.Expressions;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Loading;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Api.Patients;

/// <summary>Each patient's register entries, by onset date.</summary>
public sealed class ConditionsByPatientLoader(PhmDbContext db) : BatchLoader<int, IReadOnlyList<Condition>>
{
    /// <summary>
    /// Entries a page read without their codes (<see cref="ConditionFields.WithoutCodes"/>), held by the very patient objects that page
    /// returned, never by the patient's id: another field of the same request reading the same patient (an alias, <c>patient(id:)</c>)
    /// has patients of its own and loads their entries whole. Resolvers run one at a time (the serial execution strategy).
    /// </summary>
    private readonly Dictionary<Patient, IReadOnlyList<Condition>> readWithoutCodes = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// <paramref name="rows"/> then in the loader's order of their entries (<paramref name="entry"/>): by onset date, then id; for a page
    /// that reads its patients' entries in its own statement and gives them to the loader (<see cref="ReadWithPage"/>).
    /// </summary>
    public static IOrderedQueryable<T> InOrder<T>(IOrderedQueryable<T> rows, Expression<Func<T, Condition>> entry) =>
        rows.ThenBy(ExpressionRules.Applied(c => c.OnsetDate, entry)).ThenBy(ExpressionRules.Applied(c => c.Id, entry));

    /// <summary>
    /// Takes <paramref name="entries"/>, read by a page beside <paramref name="patient"/>: whole, as the patient's entries for the rest of the
    /// request; <paramref name="withoutCodes"/>, as that page's patient object's alone.
    /// </summary>
    public void ReadWithPage(Patient patient, IReadOnlyList<Condition> entries, bool withoutCodes)
    {
        if (withoutCodes)
            readWithoutCodes[patient] = entries;
        else
            Prime(patient.Id, entries);
    }

    /// <summary>The entries of <paramref name="patient"/>: those its page read, or loaded (whole) by its id.</summary>
    public IDataLoaderResult<IReadOnlyList<Condition>?> LoadAsync(Patient patient) =>
        readWithoutCodes.TryGetValue(patient, out var entries) ? new KnownResult<IReadOnlyList<Condition>?>(entries) : LoadAsync(patient.Id);

    protected override async Task<IReadOnlyDictionary<int, IReadOnlyList<Condition>>> FetchAsync(IReadOnlyCollection<int> keys, CancellationToken cancellationToken)
    {
        var conditions = await db.Conditions.AsNoTracking()
            .Where(c => keys.Contains(c.PatientId))
            .OrderBy(c => c.OnsetDate).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return conditions.ToListsByKey(keys, c => c.PatientId);
    }
}
