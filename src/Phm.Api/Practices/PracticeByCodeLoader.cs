using Phm.Api.Loading;
using Phm.Data.Practices;

namespace Phm.Api.Practices;

public sealed class PracticeByCodeLoader(StoreReferenceLoader reference) : BatchLoader<string, Practice>
{
    protected override async Task<IReadOnlyDictionary<string, Practice>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        (await reference.GetAsync(cancellationToken)).PracticesByCode;
}
