using Microsoft.EntityFrameworkCore;
using Phm.Api.Governance;
using Phm.Api.Loading;
using Phm.Data.Cohorts;
using Phm.Data.Governance;
using Phm.Data.Store;

namespace Phm.Api.Cohorts;

/// <summary>
/// The cell of each recorded evaluation (<see cref="CohortSnapshot"/>): its members' number and record keys, summed in one GROUP BY
/// for the batch, so an analyst's count of it is perturbed by the same cell key as the same members evaluated now.
/// </summary>
public sealed class SnapshotCellBySnapshotIdLoader(PhmDbContext db) : BatchLoader<long, CellCount>
{
    protected override async Task<IReadOnlyDictionary<long, CellCount>> FetchAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken) =>
        await db.Set<CohortSnapshotMember>().AsNoTracking()
            .Where(m => keys.Contains(m.SnapshotId))
            .WithRecordKeys(m => m.PatientId)
            .GroupBy(k => k.Row.SnapshotId)
            .Select(g => new { SnapshotId = g.Key, Members = g.Count(), Keys = g.Sum(k => k.RecordKey) })
            .ToDictionaryAsync(c => c.SnapshotId, c => new CellCount(c.Members, c.Keys), cancellationToken);
}
