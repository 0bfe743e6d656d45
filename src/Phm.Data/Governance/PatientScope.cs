namespace Phm.Data.Governance;

/// <summary>
/// Which patients a <see cref="Store.PhmDbContext"/> may read: every patient, or only those registered (at the store's
/// reference date) at practices of one PCN. Enforced by the context's global query filters on patients and their records.
/// </summary>
public sealed record PatientScope(string? PcnCode)
{
    /// <summary>The hub's own work (building the store, aggregates for analysts): no restriction.</summary>
    public static readonly PatientScope Everyone = new((string?)null);

    public static PatientScope RegisteredIn(string pcnCode) => new(pcnCode);

    public bool IsRestricted => PcnCode is not null;
}
