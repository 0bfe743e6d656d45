using Phm.Api.Loading;
using Phm.Data.Geography;

namespace Phm.Api.Geography;

public sealed class LsoaByCodeLoader(StoreReferenceLoader reference) : BatchLoader<string, Lsoa>
{
    protected override async Task<IReadOnlyDictionary<string, Lsoa>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        (await reference.GetAsync(cancellationToken)).Lsoas;
}
