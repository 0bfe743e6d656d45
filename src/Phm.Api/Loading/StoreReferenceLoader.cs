using Phm.Data.Store;

namespace Phm.Api.Loading;

/// <summary>
/// The store's reference data (<see cref="StoreReference"/>: reference date, LSOAs, practices, PCNs, memberships) for one request:
/// held in memory across requests by <see cref="StoreReferenceCache"/>, whose check that the store was not rebuilt runs once per request.
/// </summary>
public sealed class StoreReferenceLoader(PhmDbContext db, StoreReferenceCache cache)
{
    private Task<StoreReference>? _reference;

    public Task<StoreReference> GetAsync(CancellationToken cancellationToken) => _reference ??= cache.GetAsync(db, cancellationToken);
}
