namespace Phm.Web.Account;

/// <summary>The app's sign-in and sign-out addresses (rendered statically: they write the sign-in cookie).</summary>
public static class AccountPaths
{
    public const string SignIn = "/account/sign-in";
    public const string SignOut = "/account/sign-out";
    public const string OpenIdConnectSignIn = "/account/sign-in/oidc";

    /// <summary>Where a login that did not complete at the issuer (refused, forged, expired) ends: the sign-in page, saying so.</summary>
    public const string FailedParameter = "failed";

    public const string SignInFailed = SignIn + "?" + FailedParameter + "=true";

    /// <summary><paramref name="returnUrl"/> if it is a path of this app, else the start page: never a redirect elsewhere.</summary>
    public static string LocalOrStart(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
