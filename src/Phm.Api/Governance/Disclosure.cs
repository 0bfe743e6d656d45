using System.Security.Claims;
using Phm.Data.Governance;

namespace Phm.Api.Governance;

/// <summary>How exactly a count of patients may be shown to the caller.</summary>
public enum DisclosureControl
{
    /// <summary>Exact counts: a clinician's own PCN (direct care) and administrators.</summary>
    Exact,

    /// <summary>Analysts: small numbers suppressed and the rest rounded (see <see cref="Disclosure"/>).</summary>
    SmallNumberSuppression,
}

/// <summary>
/// The hub's one disclosure rule, after NHS England's HES/ECDS rule and OpenSAFELY's (domain reference §7): 0 is shown as 0,
/// 1 to 7 are suppressed (null), every other count is rounded to the nearest 5. Totals are rounded from the exact total, and
/// percentages are computed from the shown counts, so nothing shown can be undone to recover a suppressed count; a percentage
/// whose count or total is suppressed is suppressed too.
/// </summary>
public static class Disclosure
{
    public const int LargestSuppressedCount = 7;
    public const int RoundingBase = 5;

    public static DisclosureControl For(ClaimsPrincipal? user) =>
        PhmRoles.RoleOf(user) == PhmRoles.Analyst ? DisclosureControl.SmallNumberSuppression : DisclosureControl.Exact;

    /// <summary>The count as it may be shown; null when suppressed.</summary>
    public static int? Count(int patients, DisclosureControl control) => control switch
    {
        DisclosureControl.Exact => patients,
        _ when patients == 0 => 0,
        _ when patients <= LargestSuppressedCount => null,
        _ => RoundingBase * (int)Math.Round((double)patients / RoundingBase, MidpointRounding.AwayFromZero),
    };

    /// <summary>The shown count as a percentage of the shown total, to one decimal place; null when either is suppressed.</summary>
    public static double? Percentage(int? shownPatients, int? shownTotal) =>
        shownPatients is not { } patients || shownTotal is not { } total ? null
        : total == 0 ? 0
        : Math.Round(100.0 * patients / total, 1, MidpointRounding.AwayFromZero);
}
