using Microsoft.EntityFrameworkCore;
using Phm.Api.Loading;
using Phm.Data.Practices;
using Phm.Data.Store;

namespace Phm.Api.Practices;

/// <summary>The PCN each practice belongs to at the store's reference date; practices outside any PCN then are left out.</summary>
public sealed class PcnByPracticeLoader(PhmDbContext db, ReferenceDateLoader referenceDate) : BatchLoader<string, Pcn>
{
    protected override async Task<IReadOnlyDictionary<string, Pcn>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var date = await referenceDate.GetAsync(cancellationToken);
        var memberships = await db.PcnMemberships.AsNoTracking()
            .ValidOn(date)
            .Where(m => keys.Contains(m.PracticeCode))
            .Join(db.Pcns, m => m.PcnCode, p => p.Code, (m, pcn) => new { m.PracticeCode, Pcn = pcn })
            .ToListAsync(cancellationToken);
        return memberships.ToDictionary(m => m.PracticeCode, m => m.Pcn);
    }
}
