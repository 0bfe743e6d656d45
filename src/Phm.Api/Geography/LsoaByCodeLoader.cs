using Microsoft.EntityFrameworkCore;
using Phm.Api.Loading;
using Phm.Data.Geography;
using Phm.Data.Store;

namespace Phm.Api.Geography;

public sealed class LsoaByCodeLoader(PhmDbContext db) : BatchLoader<string, Lsoa>
{
    protected override async Task<IReadOnlyDictionary<string, Lsoa>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        await db.Lsoas.AsNoTracking().Where(l => keys.Contains(l.Code)).ToDictionaryAsync(l => l.Code, cancellationToken);
}
