using Phm.Data.Store;

namespace Phm.Api.Loading;

/// <summary>
/// The store's reference date (<see cref="StoreManifest.ReferenceDate"/>), from the manifest's stamp the request takes once
/// (<see cref="StoreReferenceLoader"/>): PCN membership and ages are answered at this date.
/// </summary>
public sealed class ReferenceDateLoader(StoreReferenceLoader reference)
{
    private Task<DateOnly>? _referenceDate;

    public Task<DateOnly> GetAsync(CancellationToken cancellationToken) => _referenceDate ??= ReadAsync(cancellationToken);

    private async Task<DateOnly> ReadAsync(CancellationToken cancellationToken) => (await reference.GetStampAsync(cancellationToken)).ReferenceDate;
}
