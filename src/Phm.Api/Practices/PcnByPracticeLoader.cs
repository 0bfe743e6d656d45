using Phm.Api.Loading;
using Phm.Data.Practices;

namespace Phm.Api.Practices;

/// <summary>The PCN each practice belongs to at the store's reference date; practices outside any PCN then are left out.</summary>
public sealed class PcnByPracticeLoader(StoreReferenceLoader reference) : BatchLoader<string, Pcn>
{
    protected override async Task<IReadOnlyDictionary<string, Pcn>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var store = await reference.GetAsync(cancellationToken);
        return keys.Select(code => (code, Pcn: store.PcnOf(code))).Where(p => p.Pcn is not null).ToDictionary(p => p.code, p => p.Pcn!);
    }
}
