using System.Security.Claims;

namespace Phm.Data.Governance;

/// <summary>The hub's roles and the claims its tokens carry.</summary>
public static class PhmRoles
{
    /// <summary>Patient-level data of the patients registered in the PCN named by the <see cref="PcnClaim"/>.</summary>
    public const string Clinician = "clinician";

    /// <summary>Aggregates only, with small-number suppression.</summary>
    public const string Analyst = "analyst";

    /// <summary>The audit log; later cohort administration and models.</summary>
    public const string Admin = "admin";

    public const string RoleClaim = "role";
    public const string PcnClaim = "pcn";
    public const string SubjectClaim = "sub";

    public static IReadOnlyList<string> All { get; } = [Clinician, Analyst, Admin];

    public static bool IsAuthenticated(this ClaimsPrincipal? user) => user?.Identity?.IsAuthenticated == true;

    /// <summary>
    /// The role the user acts in. A clinician needs a PCN; a token claiming the role without one grants nothing. Clinician
    /// wins over the others, so a token holding several roles is always held to its PCN.
    /// </summary>
    public static string? RoleOf(ClaimsPrincipal? user)
    {
        if (!user.IsAuthenticated())
            return null;
        if (user!.HasClaim(RoleClaim, Clinician))
            return PcnOf(user) is null ? null : Clinician;
        return user.HasClaim(RoleClaim, Admin) ? Admin : user.HasClaim(RoleClaim, Analyst) ? Analyst : null;
    }

    public static string? PcnOf(ClaimsPrincipal user) => user.FindFirst(PcnClaim)?.Value is { Length: > 0 } pcn ? pcn : null;

    /// <summary>The patients the user may read: a clinician's PCN, everyone for the others (whose patient-level fields are refused anyway).</summary>
    public static PatientScope PatientScopeOf(ClaimsPrincipal? user) =>
        RoleOf(user) == Clinician ? PatientScope.RegisteredIn(PcnOf(user!)!) : PatientScope.Everyone;
}
