using Microsoft.Extensions.Options;

namespace Phm.Api.Transport;

public static class GraphQLHttpEndpoint
{
    /// <summary>
    /// Serves GraphQL over HTTP (POST and GET) and the GraphiQL page at <paramref name="pattern"/>, and GraphiQL's files under
    /// <see cref="GraphiQLAssets.BasePath"/>. Needs <c>AddGraphQL(b => b.AddSchema&lt;…&gt;().AddSystemTextJson())</c>;
    /// wire decisions are in <see cref="GraphQLHttpOptions"/>. Conventions added to the result apply to both endpoints.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQLHttp(this IEndpointRouteBuilder endpoints, string pattern)
    {
        var graphiQL = new GraphiQLAssets();
        var handler = ActivatorUtilities.CreateInstance<GraphQLHttpHandler>(endpoints.ServiceProvider, graphiQL);
        // The handler holds the rate limiter's windows and timer for the life of the application.
        endpoints.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(handler.Dispose);

        var group = endpoints.MapGroup(string.Empty);
        // Every method, so that the others get the spec's 405 rather than routing's bare one.
        group.Map(pattern, handler.HandleAsync);
        // Without GraphiQL its files are not served either, so nothing tells a visitor an IDE was ever here.
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value.ServeGraphiQL)
            group.MapGet(GraphiQLAssets.BasePath + "/{**path}", (HttpContext context, string? path) => graphiQL.WriteFileAsync(context, path ?? string.Empty));
        return group;
    }
}
