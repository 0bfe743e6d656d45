using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Phm.Api.Loading;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Api.Patients;

/// <summary>Each patient's register entries, by onset date.</summary>
public sealed class ConditionsByPatientLoader(PhmDbContext db) : BatchLoader<int, IReadOnlyList<Condition>>
{
    /// <summary>A patient's entries in the loader's order, for a page that reads them in its own statement and <see cref="BatchLoader{TKey, TValue}.Prime"/>s the loader.</summary>
    public static readonly Expression<Func<Patient, IEnumerable<Condition>>> InOrder = p => p.Conditions.OrderBy(c => c.OnsetDate).ThenBy(c => c.Id);

    protected override async Task<IReadOnlyDictionary<int, IReadOnlyList<Condition>>> FetchAsync(IReadOnlyCollection<int> keys, CancellationToken cancellationToken)
    {
        var conditions = await db.Conditions.AsNoTracking()
            .Where(c => keys.Contains(c.PatientId))
            .OrderBy(c => c.OnsetDate).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return conditions.ToListsByKey(keys, c => c.PatientId);
    }
}
