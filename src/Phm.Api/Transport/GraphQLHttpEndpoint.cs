namespace Phm.Api.Transport;

public static class GraphQLHttpEndpoint
{
    /// <summary>Serves GraphQL over HTTP (POST and GET) and the GraphiQL page at <paramref name="pattern"/>.</summary>
    public static IEndpointConventionBuilder MapGraphQLHttp(this IEndpointRouteBuilder endpoints, string pattern) =>
        throw new NotImplementedException("The GraphQL-over-HTTP transport is being written.");
}
