using Microsoft.EntityFrameworkCore;
using Phm.Api.Loading;
using Phm.Data.Patients;
using Phm.Data.Store;

namespace Phm.Api.Patients;

/// <summary>Each patient's number of contacts of every kind within a window, zeros included, in the order of <see cref="ActivityKind"/>.</summary>
public sealed class ActivityCountsByPatientLoader(PhmDbContext db) : BatchLoader<PatientWindowKey<ActivityWindow>, IReadOnlyList<ActivityCount>>
{
    protected override Task<IReadOnlyDictionary<PatientWindowKey<ActivityWindow>, IReadOnlyList<ActivityCount>>> FetchAsync(
        IReadOnlyCollection<PatientWindowKey<ActivityWindow>> keys, CancellationToken cancellationToken) =>
        PatientWindowKey.LoadByWindowAsync(keys, async (window, patientIds) =>
        {
            var counts = await window.Apply(db.ActivitiesOf(patientIds).AsNoTracking())
                .GroupBy(a => new { a.PatientId, a.Kind })
                .Select(g => new { g.Key.PatientId, g.Key.Kind, Count = g.Count() })
                .ToDictionaryAsync(c => (c.PatientId, c.Kind), c => c.Count, cancellationToken);
            return (IReadOnlyDictionary<int, IReadOnlyList<ActivityCount>>)patientIds.ToDictionary(
                id => id,
                id => (IReadOnlyList<ActivityCount>)[.. Enum.GetValues<ActivityKind>().Select(kind => new ActivityCount(kind, counts.GetValueOrDefault((id, kind))))]);
        });
}
