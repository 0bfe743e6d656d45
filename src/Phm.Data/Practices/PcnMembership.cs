namespace Phm.Data.Practices;

/// <summary>
/// A practice's membership of a PCN over a period: membership changes (practices move PCN or leave the area),
/// so every question about "a PCN's patients" is asked at a date.
/// </summary>
public sealed class PcnMembership
{
    public int Id { get; init; }
    public required string PracticeCode { get; init; }
    public required string PcnCode { get; init; }
    public DateOnly ValidFrom { get; init; }

    /// <summary>Last day of membership; null while it is current.</summary>
    public DateOnly? ValidTo { get; set; }

    public bool IsValidOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo);
}
