namespace Phm.Data.Store;

/// <summary>
/// The <see cref="StoreReference"/> of the store's current build, kept in memory. Each use first reads the manifest's stamp (one
/// small query) and reloads the reference data when the store was rebuilt since, by this process or another (<c>phm build</c>), so
/// a rebuild is seen by the next request. Ingest changes no reference data.
/// </summary>
public sealed class StoreReferenceCache
{
    private volatile StoreReference? _current;

    public async Task<StoreReference> GetAsync(PhmDbContext db, CancellationToken cancellationToken)
    {
        var stamp = await StoreReference.ReadStampAsync(db, cancellationToken);
        var current = _current;
        if (current is not null && current.Stamp == stamp)
            return current;
        // Two requests that see a new build at once may both load it; either copy is right.
        var loaded = await StoreReference.LoadAsync(db, stamp, cancellationToken);
        _current = loaded;
        return loaded;
    }
}
