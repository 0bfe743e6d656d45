using Microsoft.EntityFrameworkCore;
using Phm.Api.Loading;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Api.Patients;

/// <summary>Each patient's register entries, by onset date, then id (as a page that reads them in its own statement orders them: PatientPages).</summary>
public sealed class ConditionsByPatientLoader(PhmDbContext db) : BatchLoader<int, IReadOnlyList<Condition>>
{
    protected override async Task<IReadOnlyDictionary<int, IReadOnlyList<Condition>>> FetchAsync(IReadOnlyCollection<int> keys, CancellationToken cancellationToken)
    {
        var conditions = await db.Conditions.AsNoTracking()
            .Where(c => keys.Contains(c.PatientId))
            .OrderBy(c => c.OnsetDate).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return conditions.ToListsByKey(keys, c => c.PatientId);
    }
}
