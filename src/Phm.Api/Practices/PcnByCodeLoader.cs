using Microsoft.EntityFrameworkCore;
using Phm.Api.Loading;
using Phm.Data.Practices;
using Phm.Data.Store;

namespace Phm.Api.Practices;

public sealed class PcnByCodeLoader(PhmDbContext db) : BatchLoader<string, Pcn>
{
    protected override async Task<IReadOnlyDictionary<string, Pcn>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        await db.Pcns.AsNoTracking().Where(p => keys.Contains(p.Code)).ToDictionaryAsync(p => p.Code, cancellationToken);
}
