namespace Phm.Api.Transport;

/// <summary>The response media types of GraphQL over HTTP.</summary>
public static class GraphQLMediaTypes
{
    /// <summary>The spec's own type: its status codes carry meaning (400 for a request that was never executed).</summary>
    public const string GraphQLResponseJson = "application/graphql-response+json";

    /// <summary>The legacy type: well-formed requests always get 200, because intermediaries may replace the bodies of 4xx responses.</summary>
    public const string Json = "application/json";
}
