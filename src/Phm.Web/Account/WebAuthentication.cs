using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Phm.Web.Account;

/// <summary>
/// How people sign in to the app: OpenID Connect when an issuer and the app's client id are configured; a local token only
/// in Development and only while the hub signs its own tokens (<see cref="ExternalIssuer"/> false).
/// </summary>
public sealed record SignInMethods(bool OpenIdConnect, bool ExternalIssuer);

/// <summary>
/// The app's own sign-in: an encrypted, HttpOnly, SameSite=Strict cookie holding the user's hub token. It is a scheme apart
/// from the hub's bearer tokens, used only by the app's pages and circuit, so <c>/graphql</c> never accepts the cookie.
/// </summary>
public static class WebAuthentication
{
    public const string CookieScheme = "PhmWeb";
    public const string OpenIdConnectScheme = "PhmWebOidc";
    public const string Policy = "PhmWebUser";

    public const string AuthoritySetting = "Phm:Auth:Authority";
    public const string ClientIdSetting = "Phm:Web:ClientId";
    public const string ClientSecretSetting = "Phm:Web:ClientSecret";
    public const string ScopeSetting = "Phm:Web:Scope";

    /// <summary>How long a local sign-in lasts: the lifetime of the local token it holds.</summary>
    private static readonly TimeSpan LocalSignInLifetime = TimeSpan.FromHours(8);

    public static IServiceCollection AddPhmWebAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var externalIssuer = !string.IsNullOrEmpty(configuration[AuthoritySetting]);
        // Without a client id the hub may still take an issuer's tokens over /graphql; the app then offers no sign-in.
        var openIdConnect = externalIssuer && !string.IsNullOrEmpty(configuration[ClientIdSetting]);
        services.AddSingleton(new SignInMethods(openIdConnect, externalIssuer));
        var authentication = services.AddAuthentication().AddCookie(CookieScheme, options =>
        {
            options.Cookie.Name = "phm-web";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = AccountPaths.SignIn;
            options.ExpireTimeSpan = LocalSignInLifetime;
            options.SlidingExpiration = false;
        });
        if (openIdConnect)
            authentication.AddOpenIdConnect(OpenIdConnectScheme, options => ConfigureOpenIdConnect(options, configuration));
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>The issuer's login (authorization code flow); the app keeps the access token it gets, the hub checks it.</summary>
    private static void ConfigureOpenIdConnect(OpenIdConnectOptions options, IConfiguration configuration)
    {
        options.SignInScheme = CookieScheme;
        options.Authority = configuration[AuthoritySetting];
        options.ClientId = configuration[ClientIdSetting];
        options.ClientSecret = configuration[ClientSecretSetting];
        options.ResponseType = "code";
        options.SaveTokens = true;
        options.MapInboundClaims = false;
        if (configuration[ScopeSetting] is { Length: > 0 } scope)
            options.Scope.Add(scope);
        // A login that fails at the issuer or on the way back (a refused or replayed code, an expired correlation) signs no one in
        // and is said on the sign-in page, instead of an error page.
        options.Events.OnRemoteFailure = context =>
        {
            context.Response.Redirect(AccountPaths.SignInFailed);
            context.HandleResponse();
            return Task.CompletedTask;
        };
        options.Events.OnTokenValidated = context =>
        {
            // The app shows what the hub will check: the access token's sub, role and pcn, not the ID token's.
            var accessToken = context.TokenEndpointResponse?.AccessToken;
            if (accessToken is null || !new JsonWebTokenHandler().CanReadToken(accessToken))
            {
                context.Fail("The issuer returned no JWT access token for the hub.");
                return Task.CompletedTask;
            }
            var claims = new JsonWebToken(accessToken);
            string? Claim(string type) => claims.TryGetPayloadValue<string>(type, out var value) ? value : null;
            context.Principal = WebUser.Create(Claim(WebUser.SubjectClaim) ?? "unknown", Claim(WebUser.RoleClaim) ?? "none",
                Claim(WebUser.PcnClaim), accessToken, OpenIdConnectScheme);
            return Task.CompletedTask;
        };
    }

    /// <summary>The OpenID Connect login, when configured: a challenge that returns to a path of this app.</summary>
    public static void MapPhmWebSignIn(this IEndpointRouteBuilder endpoints, SignInMethods methods)
    {
        if (methods.OpenIdConnect)
            endpoints.MapGet(AccountPaths.OpenIdConnectSignIn, (string? returnUrl) => Results.Challenge(
                new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = AccountPaths.LocalOrStart(returnUrl) },
                [OpenIdConnectScheme]));
    }
}
