using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Phm.Web.Account;
using Phm.Web.Hub;
using Phm.Web.Shell;
using Phm.Web.Worklists;

namespace Phm.Web;

public static class PhmWebExtensions
{
    /// <summary>The app's components, its sign-in, and the typed client through which it reads the hub.</summary>
    public static IServiceCollection AddPhmWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddPhmWebAuthentication(configuration);
        services.AddHttpClient(PhmHubClient.HttpClientName, (provider, http) =>
            http.BaseAddress = HubAddress.Resolve(provider.GetRequiredService<IConfiguration>(), provider.GetRequiredService<IServer>()));
        services.AddScoped<IPhmHub>(provider => new PhmHubClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(PhmHubClient.HttpClientName),
            provider.GetRequiredService<AuthenticationStateProvider>()));
        services.AddScoped<ILocalSignIn, LocalSignIn>();
        return services;
    }

    /// <summary>
    /// Serves the app at "/" (after the hub's authentication): every page but sign-in needs the app's cookie, and its
    /// static files come from the app's own assets, never a CDN.
    /// </summary>
    public static WebApplication MapPhmWeb(this WebApplication app)
    {
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapPhmWebSignIn(app.Services.GetRequiredService<SignInMethods>());
        app.MapWorklistExport();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(WebAuthentication.Policy);
        return app;
    }
}
