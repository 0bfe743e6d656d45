using Phm.Data.Practices;

namespace Phm.Api.Practices;

public static class PcnMembershipQueryExtensions
{
    /// <summary>The memberships in force on <paramref name="date"/> (as <see cref="PcnMembership.IsValidOn"/>, translated to SQL).</summary>
    public static IQueryable<PcnMembership> ValidOn(this IQueryable<PcnMembership> memberships, DateOnly date) =>
        memberships.Where(m => m.ValidFrom <= date && (m.ValidTo == null || m.ValidTo >= date));
}
