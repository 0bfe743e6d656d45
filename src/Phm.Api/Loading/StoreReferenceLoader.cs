using Phm.Data.Store;

namespace Phm.Api.Loading;

/// <summary>
/// The store's reference data (<see cref="StoreReference"/>: reference date, LSOAs, practices, PCNs, memberships) for one request:
/// held in memory across requests by <see cref="StoreReferenceCache"/>, with the manifest's stamp (which also gives the reference date),
/// which it reads again after this process changed the store and otherwise at most every <see cref="PhmOptions.StoreCheckInterval"/>.
/// </summary>
public sealed class StoreReferenceLoader(PhmDbContext db, StoreReferenceCache cache)
{
    private Task<StoreStamp>? _stamp;
    private Task<StoreReference>? _reference;

    /// <summary>Which build of the store this request reads: enough for the reference date, without the rest of the reference data.</summary>
    public Task<StoreStamp> GetStampAsync(CancellationToken cancellationToken) => _stamp ??= cache.GetStampAsync(db, cancellationToken);

    public Task<StoreReference> GetAsync(CancellationToken cancellationToken) => _reference ??= LoadAsync(cancellationToken);

    private async Task<StoreReference> LoadAsync(CancellationToken cancellationToken) =>
        await cache.GetAsync(db, await GetStampAsync(cancellationToken), cancellationToken);
}
