using Phm.Web;

namespace Phm.Api.WebApp;

/// <summary>The One Team web app (src/Phm.Web), hosted by the hub at "/" beside GraphQL at /graphql.</summary>
public static class WebAppHosting
{
    public static WebApplicationBuilder AddPhmWebApp(this WebApplicationBuilder builder)
    {
        builder.Services.AddPhmWeb(builder.Configuration);
        return builder;
    }

    /// <summary>Maps the app after <see cref="PhmApiExtensions.MapPhmGraphQL"/> (which authenticates requests first).</summary>
    public static WebApplication MapPhmWebApp(this WebApplication app)
    {
        app.MapLocalTokensInDevelopment();
        app.MapPhmWeb();
        return app;
    }
}
