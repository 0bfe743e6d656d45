using GraphQL;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace Phm.Api.Transport;

/// <summary>
/// A request the transport refuses before executing anything. The client gets it in the usual GraphQL error shape
/// (<c>{"errors":[{"message":…,"extensions":{"code":…}}]}</c>) with <see cref="StatusCode"/>.
/// </summary>
public abstract class GraphQLHttpError : ExecutionError
{
    protected GraphQLHttpError(int statusCode, string code, string message) : base(message)
    {
        StatusCode = statusCode;
        Code = code;
    }

    public int StatusCode { get; }

    /// <summary>The methods the response's <c>Allow</c> header names (405 answers only).</summary>
    public virtual string? Allow => null;
}

public sealed class MethodNotAllowedError() : GraphQLHttpError(
    StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", "GraphQL requests must use GET or POST.")
{
    public override string Allow => "GET, POST";
}

public sealed class NotAcceptableError() : GraphQLHttpError(
    StatusCodes.Status406NotAcceptable,
    "NOT_ACCEPTABLE",
    "None of the media types in the Accept header can be served; accept application/json.");

public sealed class UnsupportedMediaTypeError() : GraphQLHttpError(
    StatusCodes.Status415UnsupportedMediaType,
    "UNSUPPORTED_MEDIA_TYPE",
    "A POST body must be application/json in UTF-8.");

public sealed class InvalidRequestBodyError() : GraphQLHttpError(
    StatusCodes.Status400BadRequest,
    "INVALID_REQUEST_BODY",
    "The body must be one JSON object, with query and operationName as strings and variables and extensions as objects. Batches are not supported.");

public sealed class InvalidQueryStringError() : GraphQLHttpError(
    StatusCodes.Status400BadRequest,
    "INVALID_QUERY_STRING",
    "The query string must give each of query, operationName, variables and extensions at most once, the last two as JSON objects.");

public sealed class MissingQueryError() : GraphQLHttpError(
    StatusCodes.Status400BadRequest, "MISSING_QUERY", "The request has no query parameter.");

public sealed class RequestBodyTooLargeError(long maxBytes) : GraphQLHttpError(
    StatusCodes.Status413PayloadTooLarge, "REQUEST_BODY_TOO_LARGE", $"The request body exceeds the limit of {maxBytes} bytes.");

/// <summary>A document refused from a lexical count, before it was parsed.</summary>
public sealed class DocumentLimitExceededError(string code, string counted, int limit) : GraphQLHttpError(
    StatusCodes.Status400BadRequest, code, $"The document has more than {limit} {counted}, the limit of this endpoint.");

/// <summary>Answered with 429 and <c>Retry-After</c>.</summary>
public sealed class RateLimitedError() : GraphQLHttpError(
    StatusCodes.Status429TooManyRequests, "RATE_LIMITED", "Too many requests; retry after the number of seconds in Retry-After.");

public sealed class PersistedDocumentNotFoundError() : GraphQLHttpError(
    StatusCodes.Status400BadRequest, "PERSISTED_DOCUMENT_NOT_FOUND", "No registered document has that id or hash; send the document itself.");

public sealed class UntrustedDocumentError() : GraphQLHttpError(
    StatusCodes.Status400BadRequest, "DOCUMENT_NOT_TRUSTED", "This endpoint runs only registered documents; send a registered documentId.");

/// <summary>
/// A GET carrying its own document while <see cref="GraphQLHttpOptions.AllowGetQueries"/> is off; answered, as a mutation over GET is,
/// with 405 and <c>Allow: POST</c>.
/// </summary>
public sealed class DocumentNotAllowedOverGetError() : GraphQLHttpError(
    StatusCodes.Status405MethodNotAllowed,
    "DOCUMENT_NOT_ALLOWED_OVER_GET",
    "A GET request may only name a registered document (documentId); send the document itself with POST.")
{
    public override string Allow => OperationNotAllowedOverGetError.Allow;
}

/// <summary>A mutation or subscription sent with GET; answered with 405 and <c>Allow: POST</c>.</summary>
public sealed class OperationNotAllowedOverGetError : ValidationError
{
    public const string Allow = "POST";

    public OperationNotAllowedOverGetError(ROM document, GraphQLOperationDefinition operation)
        : base(document, null, "Only queries may be sent with GET; send mutations with POST.", operation)
    {
        Code = "OPERATION_NOT_ALLOWED_OVER_GET";
    }
}
