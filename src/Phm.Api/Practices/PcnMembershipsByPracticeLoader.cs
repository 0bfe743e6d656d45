using Microsoft.EntityFrameworkCore;
using Phm.Api.Loading;
using Phm.Data.Practices;
using Phm.Data.Store;

namespace Phm.Api.Practices;

/// <summary>Each practice's PCN memberships over time, oldest first.</summary>
public sealed class PcnMembershipsByPracticeLoader(PhmDbContext db) : BatchLoader<string, IReadOnlyList<PcnMembership>>
{
    protected override async Task<IReadOnlyDictionary<string, IReadOnlyList<PcnMembership>>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var memberships = await db.PcnMemberships.AsNoTracking()
            .Where(m => keys.Contains(m.PracticeCode))
            .OrderBy(m => m.ValidFrom).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        return memberships.ToListsByKey(keys, m => m.PracticeCode);
    }
}
