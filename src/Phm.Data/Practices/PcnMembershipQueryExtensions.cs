using Phm.Data.Store;

namespace Phm.Data.Practices;

public static class PcnMembershipQueryExtensions
{
    /// <summary>The memberships in force on <paramref name="date"/> (<see cref="PcnMembership.InForceOn"/>), with the date as a SQL parameter.</summary>
    public static IQueryable<PcnMembership> ValidOn(this IQueryable<PcnMembership> memberships, DateOnly date) =>
        memberships.Where(ExpressionRules.Inline<Func<PcnMembership, bool>>(membership => PcnMembership.InForceOn.Invoke(membership, date)));
}
