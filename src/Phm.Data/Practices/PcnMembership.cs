using System.Linq.Expressions;

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

    /// <summary>
    /// The one statement of "a member on a date": from its first day to its last, both included, and open while
    /// <see cref="ValidTo"/> is null. An expression, so that queries (<see cref="PcnMembershipQueryExtensions.ValidOn"/>) and the
    /// PCN scope's query filter run it as SQL.
    /// </summary>
    public static Expression<Func<PcnMembership, DateOnly, bool>> InForceOn { get; } =
        (membership, date) => membership.ValidFrom <= date && (membership.ValidTo == null || date <= membership.ValidTo);
}
