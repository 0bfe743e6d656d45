using Microsoft.EntityFrameworkCore;
using Phm.Api.Loading;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Api.Patients;

/// <summary>Each patient's activity within a window, by date.</summary>
public sealed class ActivitiesByPatientLoader(PhmDbContext db) : BatchLoader<PatientWindowKey<ActivityWindow>, IReadOnlyList<Activity>>
{
    protected override Task<IReadOnlyDictionary<PatientWindowKey<ActivityWindow>, IReadOnlyList<Activity>>> FetchAsync(
        IReadOnlyCollection<PatientWindowKey<ActivityWindow>> keys, CancellationToken cancellationToken) =>
        PatientWindowKey.LoadByWindowAsync(keys, async (window, patientIds) =>
        {
            var activities = await window.Apply(db.ActivitiesOf(patientIds).AsNoTracking())
                .OrderBy(a => a.Date).ThenBy(a => a.Id)
                .ToListAsync(cancellationToken);
            return activities.ToListsByKey(patientIds, a => a.PatientId);
        });
}
