using Microsoft.Extensions.Options;

namespace Phm.Data.Store;

/// <summary>
/// The manifest's stamp and the <see cref="StoreReference"/> of the store's current build, kept in memory. The stamp is read from
/// the database again when this process has changed the store since (<see cref="StoreChanges"/>), so its own build or ingest is
/// seen by the next request, and otherwise at most every <see cref="PhmOptions.StoreCheckInterval"/>, so another process's is seen
/// within that; in between, requests cost the store no round trip for it. The reference data is read again when the stamp names
/// another build. Ingest changes no reference data. Nothing here depends on the caller: each request derives its own scope from it.
/// </summary>
public sealed class StoreReferenceCache(TimeProvider time, IOptions<PhmOptions> options)
{
    private readonly TimeSpan _checkInterval = options.Value.StoreCheckInterval;
    private volatile CheckedStamp? _stamp;
    private volatile StoreReference? _current;

    /// <summary>Which build of the store <paramref name="db"/> holds: the stamp last read, or one small read of the manifest row when it is due.</summary>
    public async Task<StoreStamp> GetStampAsync(PhmDbContext db, CancellationToken cancellationToken)
    {
        // Taken before the read, so a change committed while it runs is not taken as seen.
        var changes = StoreChanges.Count;
        var readAt = time.GetTimestamp();
        if (_stamp is { } held && held.Changes == changes && time.GetElapsedTime(held.ReadAt) < _checkInterval)
            return held.Stamp;
        // Requests that find the check due at once may each read the stamp; every one of them reads the current row.
        var stamp = await StoreReference.ReadStampAsync(db, cancellationToken);
        _stamp = new CheckedStamp(stamp, changes, readAt);
        return stamp;
    }

    /// <summary>The reference data of the build <paramref name="stamp"/> names, read just before by <see cref="GetStampAsync"/>.</summary>
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

    private sealed record CheckedStamp(StoreStamp Stamp, long Changes, long ReadAt);
}
