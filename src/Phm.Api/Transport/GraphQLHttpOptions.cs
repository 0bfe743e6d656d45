namespace Phm.Api.Transport;

/// <summary>
/// The wire decisions of the GraphQL-over-HTTP transport that are worth a choice; configure with
/// <c>services.Configure&lt;GraphQLHttpOptions&gt;(...)</c>.
/// </summary>
/// <remarks>
/// Fixed by the spec, so not options:
/// responses are <c>application/graphql-response+json</c> or <c>application/json</c> as <c>Accept</c> allows, UTF-8, and 406 if it allows neither;
/// POST takes <c>application/json</c> (UTF-8) bodies, anything else is 415;
/// GET carries queries only, a mutation there is 405 with <c>Allow: POST</c>, as is any method but GET and POST (<c>Allow: GET, POST</c>);
/// malformed JSON or parameters are 400;
/// with <c>application/graphql-response+json</c> a document that fails to parse or validate, or whose variables do not coerce, is 400
/// and the body has no <c>data</c> entry, while with <c>application/json</c> it is 200;
/// errors raised while executing are 200 with either type.
/// Batched requests (a JSON array) are not supported.
/// </remarks>
public sealed class GraphQLHttpOptions
{
    /// <summary>
    /// Whether a client that accepts any type (no <c>Accept</c>, or only wildcards such as <c>*/*</c>) gets
    /// <see cref="GraphQLMediaTypes.GraphQLResponseJson"/>. Off by default, so such a client gets <see cref="GraphQLMediaTypes.Json"/>:
    /// a client that names no type may predate the newer one, and the spec's audits (graphql-http 47DE, 80D8) expect the legacy type.
    /// A client naming both types at the same quality gets <see cref="GraphQLMediaTypes.GraphQLResponseJson"/> either way.
    /// </summary>
    public bool AnswerWildcardsWithGraphQLResponseJson { get; set; }

    /// <summary>Whether a GET that names <c>text/html</c> in <c>Accept</c> (a browser) gets the GraphiQL page.</summary>
    public bool ServeGraphiQL { get; set; } = true;
}
