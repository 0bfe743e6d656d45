using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;
using Phm.Data.Governance;
using Phm.Web.Account;

namespace Phm.Api.WebApp;

/// <summary>
/// The Development-only endpoint behind the web app's sign-in page: <c>POST /dev/token</c> with form fields role, pcn
/// (clinicians) and subject returns a local token as <c>phm token</c> prints it. Not mapped in any other environment, nor
/// when the hub takes tokens from an external issuer, so it answers 404 there.
/// </summary>
public static class LocalTokenEndpoint
{
    public const int MaxSubjectLength = 100;

    public static void MapLocalTokensInDevelopment(this WebApplication app)
    {
        var auth = app.Configuration.GetSection(PhmAuthOptions.SectionName).Get<PhmAuthOptions>() ?? new PhmAuthOptions();
        if (!app.Environment.IsDevelopment() || auth.UsesExternalIssuer)
            return;
        app.MapPost("/" + LocalSignIn.TokenPath, ([FromForm] string? role, [FromForm] string? pcn, [FromForm] string? subject, SymmetricSecurityKey key, TimeProvider time) =>
            {
                if (string.IsNullOrWhiteSpace(subject) || subject.Length > MaxSubjectLength)
                    return Results.Text($"subject: name who the token is for, 1 to {MaxSubjectLength} characters.", statusCode: StatusCodes.Status400BadRequest);
                var chosenPcn = string.IsNullOrEmpty(pcn) ? null : pcn;
                if (LocalTokenIssuer.ProblemWith(role ?? string.Empty, chosenPcn) is { } problem)
                    return Results.Text(problem, statusCode: StatusCodes.Status400BadRequest);
                return Results.Text(new LocalTokenIssuer(key, time).Issue(subject, role!, chosenPcn, LocalTokenIssuer.DefaultLifetime));
            })
            // Called by the app's server, not by a browser form; a cross-site page could not read the token it returns anyway.
            .DisableAntiforgery();
    }
}
