using Phm.Api.Loading;
using Phm.Data.Practices;

namespace Phm.Api.Practices;

public sealed class PcnByCodeLoader(StoreReferenceLoader reference) : BatchLoader<string, Pcn>
{
    protected override async Task<IReadOnlyDictionary<string, Pcn>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        (await reference.GetAsync(cancellationToken)).PcnsByCode;
}
