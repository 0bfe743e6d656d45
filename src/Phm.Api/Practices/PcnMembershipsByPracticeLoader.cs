using Phm.Api.Loading;
using Phm.Data.Practices;

namespace Phm.Api.Practices;

/// <summary>Each practice's PCN memberships over time, oldest first.</summary>
public sealed class PcnMembershipsByPracticeLoader(StoreReferenceLoader reference) : BatchLoader<string, IReadOnlyList<PcnMembership>>
{
    protected override async Task<IReadOnlyDictionary<string, IReadOnlyList<PcnMembership>>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var store = await reference.GetAsync(cancellationToken);
        return keys.ToDictionary(code => code, store.MembershipsOf);
    }
}
