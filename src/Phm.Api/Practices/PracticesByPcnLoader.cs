using Microsoft.EntityFrameworkCore;
using Phm.Api.Loading;
using Phm.Data.Practices;
using Phm.Data.Store;

namespace Phm.Api.Practices;

/// <summary>The member practices of each PCN at the store's reference date, by code.</summary>
public sealed class PracticesByPcnLoader(PhmDbContext db, ReferenceDateLoader referenceDate) : BatchLoader<string, IReadOnlyList<Practice>>
{
    protected override async Task<IReadOnlyDictionary<string, IReadOnlyList<Practice>>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var date = await referenceDate.GetAsync(cancellationToken);
        var members = await db.PcnMemberships.AsNoTracking()
            .ValidOn(date)
            .Where(m => keys.Contains(m.PcnCode))
            .Join(db.Practices, m => m.PracticeCode, p => p.Code, (m, practice) => new { m.PcnCode, Practice = practice })
            .OrderBy(m => m.Practice.Code)
            .ToListAsync(cancellationToken);
        return members.ToListsByKey(keys, m => m.PcnCode, m => m.Practice);
    }
}
