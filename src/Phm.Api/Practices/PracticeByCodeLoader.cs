using Microsoft.EntityFrameworkCore;
using Phm.Api.Loading;
using Phm.Data.Practices;
using Phm.Data.Store;

namespace Phm.Api.Practices;

public sealed class PracticeByCodeLoader(PhmDbContext db) : BatchLoader<string, Practice>
{
    protected override async Task<IReadOnlyDictionary<string, Practice>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        await db.Practices.AsNoTracking().Where(p => keys.Contains(p.Code)).ToDictionaryAsync(p => p.Code, cancellationToken);
}
