using System.Security.Claims;
using Phm.Data.Cohorts;
using Phm.Data.Governance;

namespace Phm.Api.Cohorts;

/// <summary>
/// Who may see and change which saved cohorts, in one place: clinicians the cohorts of their own PCN (and patients in them);
/// analysts every cohort, as aggregates; administrators every cohort. Built-in cohorts change only by administrators.
/// </summary>
public static class SavedCohortAccess
{
    /// <summary>The definitions <paramref name="user"/> may see.</summary>
    public static IQueryable<CohortDefinition> VisibleTo(this IQueryable<CohortDefinition> definitions, ClaimsPrincipal? user) =>
        PhmRoles.RoleOf(user) switch
        {
            PhmRoles.Clinician => PhmRoles.PcnOf(user!) is { } pcn ? definitions.Where(d => d.PcnCode == pcn) : definitions.Where(_ => false),
            PhmRoles.Analyst or PhmRoles.Admin => definitions,
            _ => definitions.Where(_ => false),
        };

    public static bool MaySee(ClaimsPrincipal? user, CohortDefinition definition) => PhmRoles.RoleOf(user) switch
    {
        PhmRoles.Clinician => definition.PcnCode is not null && definition.PcnCode == PhmRoles.PcnOf(user!),
        PhmRoles.Analyst or PhmRoles.Admin => true,
        _ => false,
    };

    /// <summary>The scope a new cohort of <paramref name="user"/> gets for the asked <paramref name="pcn"/>: a clinician's is always their own PCN.</summary>
    public static string? ScopeFor(ClaimsPrincipal? user, string? pcn, string argument)
    {
        if (PhmRoles.RoleOf(user) != PhmRoles.Clinician)
            return pcn;
        var own = PhmRoles.PcnOf(user!)!;
        return pcn is null || pcn == own ? own : throw CohortForbidden.OtherPcn(argument, own);
    }

    /// <summary>Refuses a change to a built-in cohort by anyone but an administrator.</summary>
    public static void EnsureMayChange(ClaimsPrincipal? user, CohortDefinition definition, string argument)
    {
        if (definition.IsBuiltIn && PhmRoles.RoleOf(user) != PhmRoles.Admin)
            throw CohortForbidden.BuiltIn(argument, definition.Key);
        if (definition.IsRetired)
            throw new CohortRetiredError(argument, definition.Key);
    }
}
