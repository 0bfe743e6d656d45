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

    /// <summary>
    /// The codes of the PCN's practices at the store's reference date, when the caller holds them (the API does, in
    /// <see cref="Store.StoreReferenceCache"/>): the query filters then compare each patient's practice with this list, which is far
    /// cheaper than looking the membership up for each row, as they do without it. Null for <see cref="Everyone"/>.
    /// </summary>
    public IReadOnlyList<string>? PracticeCodes { get; init; }
}
