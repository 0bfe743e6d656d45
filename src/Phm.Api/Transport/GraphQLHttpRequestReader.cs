using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Phm.Api.Transport;

/// <summary>
/// Reads the GraphQL request parameters of a GET (query string) or POST (JSON body); throws a <see cref="GraphQLHttpError"/> for a
/// malformed one or a body over <paramref name="maxBodyBytes"/>. Whether the request has a document is <see cref="TrustedDocuments"/>' question.
/// </summary>
internal sealed class GraphQLHttpRequestReader(IGraphQLTextSerializer serializer, long maxBodyBytes)
{
    public async Task<GraphQLRequest> ReadAsync(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
            ? FromQueryString(request.Query)
            : await FromBodyAsync(request);

    private async Task<GraphQLRequest> FromBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > maxBodyBytes)
            throw new RequestBodyTooLargeError(maxBodyBytes);
        if (!IsUtf8Json(request.ContentType))
            throw new UnsupportedMediaTypeError();
        using var body = await ReadLimitedAsync(request.Body, request.HttpContext.RequestAborted);
        try
        {
            return await serializer.ReadAsync<GraphQLRequest>(body, request.HttpContext.RequestAborted)
                ?? throw new InvalidRequestBodyError();
        }
        catch (JsonException)
        {
            throw new InvalidRequestBodyError();
        }
    }

    /// <summary>The body in memory, refused as soon as it passes the limit: a chunked body declares no length up front.</summary>
    private async Task<MemoryStream> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffered = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffered.Length + read > maxBodyBytes)
            {
                await buffered.DisposeAsync();
                throw new RequestBodyTooLargeError(maxBodyBytes);
            }
            buffered.Write(chunk, 0, read);
        }
        buffered.Position = 0;
        return buffered;
    }

    private static bool IsUtf8Json(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.Equals(GraphQLMediaTypes.Json, StringComparison.OrdinalIgnoreCase)
        && AcceptHeader.AllowsUtf8(mediaType);

    private GraphQLRequest FromQueryString(IQueryCollection parameters) => new()
    {
        Query = Single(parameters, "query"),
        // Registered documents are named by id over GET too, which makes their URLs short and stable.
        DocumentId = Single(parameters, "documentId"),
        OperationName = Single(parameters, "operationName"),
        Variables = JsonObject(parameters, "variables"),
        Extensions = JsonObject(parameters, "extensions"),
    };

    private static string? Single(IQueryCollection parameters, string name)
    {
        var values = parameters[name];
        if (values.Count > 1)
            throw new InvalidQueryStringError();
        return StringValues.IsNullOrEmpty(values) ? null : values.ToString();
    }

    private Inputs? JsonObject(IQueryCollection parameters, string name)
    {
        if (Single(parameters, name) is not { } json)
            return null;
        try
        {
            return serializer.Deserialize<Inputs>(json);
        }
        catch (JsonException)
        {
            throw new InvalidQueryStringError();
        }
    }
}
