using Phm.Api.Loading;
using Phm.Data.Impactability;
using Phm.Data.Store;

namespace Phm.Api.Impactability;

/// <summary>
/// The impactability signals that hold for each patient of a page, with their words: two queries per signal for the whole
/// batch (which hold, then their values), through the request's scoped context and so its PCN scope.
/// </summary>
public sealed class ImpactabilityByPatientLoader(PhmDbContext db, ImpactabilitySignals signals, ReferenceDateLoader referenceDate)
    : BatchLoader<int, IReadOnlyList<ImpactabilityExplanation>>
{
    protected override async Task<IReadOnlyDictionary<int, IReadOnlyList<ImpactabilityExplanation>>> FetchAsync(IReadOnlyCollection<int> keys, CancellationToken cancellationToken) =>
        await signals.ExplainAsync(db, keys, await referenceDate.GetAsync(cancellationToken), cancellationToken);
}
