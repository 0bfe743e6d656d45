using Microsoft.EntityFrameworkCore;
using Phm.Data.Store;

namespace Phm.Api.Loading;

/// <summary>
/// The store's reference date (<see cref="StoreManifest.ReferenceDate"/>), read once per request: PCN membership and ages
/// are answered at this date.
/// </summary>
public sealed class ReferenceDateLoader(PhmDbContext db)
{
    private Task<DateOnly>? _referenceDate;

    public Task<DateOnly> GetAsync(CancellationToken cancellationToken) =>
        _referenceDate ??= db.Manifest.AsNoTracking().Select(m => m.ReferenceDate).SingleAsync(cancellationToken);
}
