namespace Phm.Api.Transport;

/// <summary>
/// The wire decisions and limits of the GraphQL-over-HTTP transport that are worth a choice; the hub binds them from
/// configuration <c>Phm:GraphQL</c> (README, "Limits"), tests configure them with <c>services.Configure&lt;GraphQLHttpOptions&gt;(...)</c>.
/// </summary>
/// <remarks>
/// Fixed by the spec, so not options:
/// responses are <c>application/graphql-response+json</c> or <c>application/json</c> as <c>Accept</c> allows, UTF-8, and 406 if it allows neither;
/// POST takes <c>application/json</c> (UTF-8) bodies, anything else is 415;
/// GET carries queries only, a mutation there is 405 with <c>Allow: POST</c>, as is any method but GET and POST (<c>Allow: GET, POST</c>);
/// a GET refused by <see cref="AllowGetQueries"/> is 405 with <c>Allow: POST</c> too, since it is the method that is refused;
/// malformed JSON or parameters are 400;
/// with <c>application/graphql-response+json</c> a document that fails to parse or validate, or whose variables do not coerce, is 400
/// and the body has no <c>data</c> entry, while with <c>application/json</c> it is 200;
/// errors raised while executing are 200 with either type.
/// Batched requests (a JSON array) are not supported.
/// Limits are checked from the cheapest to the dearest: rate, body size, a lexical count of the document, then depth and
/// complexity after parsing, then the execution timeout; each refusal is a GraphQL error with its own code.
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

    /// <summary>
    /// Whether a GET that names <c>text/html</c> in <c>Accept</c> (a browser) gets the GraphiQL page, and its files are served.
    /// Off unless switched on; the hub switches it on in Development (<c>appsettings.Development.json</c>).
    /// </summary>
    public bool ServeGraphiQL { get; set; }

    /// <summary>
    /// Whether <c>__schema</c> and <c>__type</c> may be queried. Off unless switched on; the hub switches it on in Development
    /// (<c>appsettings.Development.json</c>) for GraphiQL. While it is off, errors name only what the document itself named: no
    /// "Did you mean …" suggestions and no type names, which would otherwise spell out the schema a guess at a time.
    /// </summary>
    public bool Introspection { get; set; }

    /// <summary>
    /// Whether a GET may carry its document in <c>query</c>. Off by default: a GET runs only a registered document named by
    /// <c>documentId</c> (see <see cref="TrustedDocuments"/>), and one carrying a document is refused with 405 and <c>Allow: POST</c>.
    /// A document in a URL is one link or image tag away from being sent with someone else's credentials, and URLs end up in
    /// logs, histories and proxies.
    /// </summary>
    public bool AllowGetQueries { get; set; }

    /// <summary>
    /// Most errors in the response to a document refused before it ran (parse, validation or variable errors). Each rule reports
    /// a name once however often the document repeats it; the number of errors left out is in the response's
    /// <c>extensions.omittedErrors</c>.
    /// </summary>
    public int MaxErrors { get; set; } = 5;

    /// <summary>Largest POST body, in bytes; a larger one is refused with 413 before it is read to the end.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Lexical limits checked before the document is parsed or validated.</summary>
    public DocumentLimits Document { get; set; } = new();

    /// <summary>Deepest field selection the complexity analyzer allows (fragments followed); counts from 1 at the root field.</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>
    /// Largest complexity the analyzer allows: each field costs 1, times the size of the lists above it, where a list's size is its
    /// <c>first</c> argument (a connection's <c>first</c> counts for its <c>edges</c>; one left out counts as its default) or else
    /// <see cref="ListSizeEstimate"/>. Introspection counts next to nothing: its size is the schema's, not the data's.
    /// </summary>
    public int MaxComplexity { get; set; } = 50_000;

    /// <summary>Rows assumed for a list without a <c>first</c> argument.</summary>
    public double ListSizeEstimate { get; set; } = 10;

    /// <summary>
    /// Longest a request may execute; then it is cancelled and answered with a <c>TIMEOUT</c> error, with 504 under
    /// <c>application/graphql-response+json</c> (the response has no data) and 200 under <c>application/json</c>.
    /// </summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Total length, in characters, of the documents kept parsed and validated so that a document sent again is not parsed and
    /// validated again (the rules that depend on the caller, the variables or the arguments still run on every request). The least
    /// recently used go first. 0 switches the cache off.
    /// </summary>
    public long DocumentCacheSize { get; set; } = 4_000_000;

    public RateLimitOptions RateLimit { get; set; } = new();

    public TrustedDocumentsOptions TrustedDocuments { get; set; } = new();
}

/// <summary>
/// Counted by a lexer pass over the document, which takes microseconds even where validation would take seconds
/// (GraphQL.NET's validation time grows with the square of repeated directives).
/// </summary>
public sealed class DocumentLimits
{
    public int MaxTokens { get; set; } = 10_000;

    public int MaxDirectives { get; set; } = 50;

    public int MaxAliases { get; set; } = 100;

    /// <summary>
    /// Most fields, over the whole document, that select again a name already selected in the same selection set
    /// (<c>{ a a }</c> repeats once). Validation compares every pair of such fields, so their cost grows with the square of their number.
    /// </summary>
    public int MaxRepeatedFields { get; set; } = 20;

    /// <summary>Deepest nesting of selection sets, fragments not followed (the analyzer's <see cref="GraphQLHttpOptions.MaxDepth"/> follows them).</summary>
    public int MaxNesting { get; set; } = 20;
}

/// <summary>A fixed window per subject: the authenticated user's <c>sub</c> claim, else the client's IP address.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests per subject per window; generous, so that only a runaway client meets it. 0 switches rate limiting off.</summary>
    public int PermitLimit { get; set; } = 6_000;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public enum TrustedDocumentsMode
{
    /// <summary>Every request carries its document; document ids and persisted-query hashes are ignored.</summary>
    Off,

    /// <summary>A request may name a registered document instead of carrying it; ordinary documents still run.</summary>
    Allow,

    /// <summary>Only registered documents run, named or carried in full.</summary>
    Only,
}

public sealed class TrustedDocumentsOptions
{
    public TrustedDocumentsMode Mode { get; set; } = TrustedDocumentsMode.Off;

    /// <summary>A JSON object mapping each document's SHA-256 (lower-case hex of its UTF-8 text) to the document; needed unless <see cref="Mode"/> is Off.</summary>
    public string? File { get; set; }
}
