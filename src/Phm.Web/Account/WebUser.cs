using System.Security.Claims;

namespace Phm.Web.Account;

/// <summary>
/// The signed-in user as the app holds them in its cookie: the hub's claims (sub, role, pcn) and the access token the app
/// sends to the hub. The cookie is encrypted and HttpOnly, so the token never reaches the browser's scripts.
/// </summary>
public static class WebUser
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";
    public const string PcnClaim = "pcn";
    public const string AccessTokenClaim = "access_token";

    public const string Clinician = "clinician";
    public const string Analyst = "analyst";
    public const string Admin = "admin";

    public static IReadOnlyList<string> Roles { get; } = [Clinician, Analyst, Admin];

    public static string? AccessTokenOf(ClaimsPrincipal user) => user.FindFirst(AccessTokenClaim)?.Value;

    public static string? RoleOf(ClaimsPrincipal user) => user.FindFirst(RoleClaim)?.Value;

    public static string? PcnOf(ClaimsPrincipal user) => user.FindFirst(PcnClaim)?.Value;

    public static string? SubjectOf(ClaimsPrincipal user) => user.FindFirst(SubjectClaim)?.Value;

    /// <summary>The principal the app signs in after the hub issued <paramref name="accessToken"/> for these claims.</summary>
    public static ClaimsPrincipal Create(string subject, string role, string? pcn, string accessToken, string authenticationType)
    {
        var claims = new List<Claim> { new(SubjectClaim, subject), new(RoleClaim, role), new(AccessTokenClaim, accessToken) };
        if (pcn is not null)
            claims.Add(new Claim(PcnClaim, pcn));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, SubjectClaim, RoleClaim));
    }
}
