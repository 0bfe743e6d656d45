using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Phm.Data.Governance;

/// <summary>Issues and describes the tokens of a hub without an external issuer; the API checks what the command line signs.</summary>
public sealed class LocalTokenIssuer(SecurityKey signingKey, TimeProvider time)
{
    public const string Issuer = "phm-hub";
    public const string Audience = "phm-hub";
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8);

    /// <summary>A signed token for <paramref name="subject"/> acting as <paramref name="role"/>; a clinician's carries its PCN.</summary>
    public string Issue(string subject, string role, string? pcnCode, TimeSpan lifetime)
    {
        if (ProblemWith(role, pcnCode) is { } problem)
            throw new ArgumentException(problem);

        var claims = new List<Claim> { new(PhmRoles.SubjectClaim, subject), new(PhmRoles.RoleClaim, role) };
        if (pcnCode is not null)
            claims.Add(new Claim(PhmRoles.PcnClaim, pcnCode));
        var now = time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Why a token for <paramref name="role"/> and <paramref name="pcnCode"/> cannot be issued, or null if it can.</summary>
    public static string? ProblemWith(string role, string? pcnCode) =>
        !PhmRoles.All.Contains(role) ? $"Unknown role '{role}'; one of {string.Join(", ", PhmRoles.All)}."
        : (role == PhmRoles.Clinician) != (pcnCode is not null) ? "A clinician's token names its PCN (--pcn); other roles name none."
        : null;

    /// <summary>What the API checks a local token against.</summary>
    public static TokenValidationParameters ValidationParameters(SecurityKey signingKey) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = signingKey,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = PhmRoles.SubjectClaim,
        RoleClaimType = PhmRoles.RoleClaim,
    };
}
