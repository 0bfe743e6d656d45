using Phm.Api.Loading;
using Phm.Data.Practices;

namespace Phm.Api.Practices;

/// <summary>The member practices of each PCN at the store's reference date, by code.</summary>
public sealed class PracticesByPcnLoader(StoreReferenceLoader reference) : BatchLoader<string, IReadOnlyList<Practice>>
{
    protected override async Task<IReadOnlyDictionary<string, IReadOnlyList<Practice>>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var store = await reference.GetAsync(cancellationToken);
        return keys.ToDictionary(pcn => pcn, pcn => (IReadOnlyList<Practice>)[.. store.PracticeCodesOf(pcn).Select(store.PracticesByCode.GetValueOrDefault).OfType<Practice>()]);
    }
}
