namespace Phm.Data.Store;

/// <summary>
/// The <see cref="StoreReference"/> of the store's current build, kept in memory. Each request first reads the manifest's stamp (one
/// small query) and the reference data is read again when the store was rebuilt since, by this process or another (<c>phm build</c>),
/// so a rebuild is seen by the next request. Ingest changes no reference data.
/// </summary>
public sealed class StoreReferenceCache
{
    private volatile StoreReference? _current;

    /// <summary>The reference data of the build <paramref name="stamp"/> names, read just before by <see cref="StoreReference.ReadStampAsync"/>.</summary>
    public async Task<StoreReference> GetAsync(PhmDbContext db, StoreStamp stamp, CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null && current.Stamp == stamp)
            return current;
        // Two requests that see a new build at once may both load it; either copy is right.
        var loaded = await StoreReference.LoadAsync(db, stamp, cancellationToken);
        _current = loaded;
        return loaded;
    }
}
