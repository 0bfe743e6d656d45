using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Phm.Data.Governance;
using Phm.Data.Store;

namespace Phm.Api.Governance;

/// <summary>
/// The one governance decision on city comparators (README, Governance): the whole city's aggregates, which a PCN's figures are
/// set against, may be read by every role, under the disclosure control analysts get (administrators exact), so a clinician learns
/// from them no more than an analyst may. They are city-wide only: never another PCN's patients, nor a figure by PCN or practice.
/// Because a clinician's own context hides every other PCN's patients, the city's figures are read through a context of their
/// own that sees the whole city (opened here, for this request, and used for nothing else).
/// </summary>
public sealed class CityComparators(IDbContextFactory<PhmDbContext> contexts) : IDisposable, IAsyncDisposable
{
    private PhmDbContext? _cityWide;

    /// <summary>How a city comparator's counts are shown to <paramref name="user"/>: as to an analyst, unless an administrator.</summary>
    public static DisclosureControl ControlFor(ClaimsPrincipal? user) =>
        PhmRoles.RoleOf(user) == PhmRoles.Admin ? DisclosureControl.Exact : DisclosureControl.SmallNumberSuppression;

    /// <summary>The request's city-wide context (every patient, whoever asks): only for aggregates shown under <see cref="ControlFor"/>.</summary>
    public PhmDbContext CityWide => _cityWide ??= contexts.CreateDbContext();

    public void Dispose() => _cityWide?.Dispose();

    public ValueTask DisposeAsync() => _cityWide?.DisposeAsync() ?? ValueTask.CompletedTask;
}
