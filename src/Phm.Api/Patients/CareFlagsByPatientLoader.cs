using Microsoft.EntityFrameworkCore;
using Phm.Api.Loading;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Api.Patients;

/// <summary>Each patient's care flags, by the date recorded.</summary>
public sealed class CareFlagsByPatientLoader(PhmDbContext db) : BatchLoader<int, IReadOnlyList<CareFlag>>
{
    protected override async Task<IReadOnlyDictionary<int, IReadOnlyList<CareFlag>>> FetchAsync(IReadOnlyCollection<int> keys, CancellationToken cancellationToken)
    {
        var flags = await db.CareFlags.AsNoTracking()
            .Where(f => keys.Contains(f.PatientId))
            .OrderBy(f => f.RecordedOn).ThenBy(f => f.Id)
            .ToListAsync(cancellationToken);
        return flags.ToListsByKey(keys, f => f.PatientId);
    }
}
