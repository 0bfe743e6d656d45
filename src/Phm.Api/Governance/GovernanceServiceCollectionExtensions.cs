using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Phm.Data.Governance;
using Phm.Data.Store;

namespace Phm.Api.Governance;

public static class GovernanceServiceCollectionExtensions
{
    /// <summary>
    /// Bearer tokens (from <c>Phm:Auth:Authority</c>, or signed with the hub's own key), each request's <see cref="PatientScope"/>
    /// from its token, and the batched audit trail.
    /// </summary>
    public static IServiceCollection AddPhmGovernance(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = configuration.GetSection(PhmAuthOptions.SectionName).Get<PhmAuthOptions>() ?? new PhmAuthOptions();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            // Claims keep their JWT names (sub, role, pcn) instead of being mapped to long WS-Federation URIs.
            options.MapInboundClaims = false;
            if (auth.UsesExternalIssuer)
            {
                options.Authority = auth.Authority;
                options.Audience = auth.Audience;
                options.TokenValidationParameters.NameClaimType = PhmRoles.SubjectClaim;
                options.TokenValidationParameters.RoleClaimType = PhmRoles.RoleClaim;
            }
        });
        if (!auth.UsesExternalIssuer)
        {
            services.AddSingleton(provider => TokenSigningKey.Resolve(provider.GetRequiredService<IOptions<PhmOptions>>().Value, auth));
            services.AddSingleton<ValidatedTokenHandler>();
            services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
                .Configure<Microsoft.IdentityModel.Tokens.SymmetricSecurityKey, ValidatedTokenHandler>((options, key, handler) =>
                {
                    options.TokenValidationParameters = LocalTokenIssuer.ValidationParameters(key);
                    // The hub's own key is fixed while it runs, so a token that passed may be taken as passed until it expires.
                    handler.MapInboundClaims = options.MapInboundClaims;
                    options.TokenHandlers.Clear();
                    options.TokenHandlers.Add(handler);
                })
                // Loads the key as the host starts, so a corrupt key file stops the hub then, not its first request with a token.
                .ValidateOnStart();
        }

        services.AddHttpContextAccessor();
        services.AddScoped(provider => PhmRoles.PatientScopeOf(provider.GetRequiredService<IHttpContextAccessor>().HttpContext?.User));
        services.AddSingleton<AuditWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditWriter>());
        return services;
    }
}
