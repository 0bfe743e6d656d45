using System.Security.Claims;

namespace Phm.Web.Tests.Support;

public static class SignedIn
{
    /// <summary>Renders the components as signed in with the hub's claims for <paramref name="role"/> (and a clinician's PCN).</summary>
    public static void SignInAs(this BunitContext context, string role, string? pcn = null)
    {
        var claims = new List<Claim> { new("sub", "test-" + role), new("role", role) };
        if (pcn is not null)
            claims.Add(new Claim("pcn", pcn));
        context.AddAuthorization().SetAuthorized("test-" + role).SetClaims([.. claims]);
    }
}
