using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Phm.Api.Transport;

/// <summary>Reads the GraphQL request parameters of a GET (query string) or POST (JSON body); throws a <see cref="GraphQLHttpError"/> for a malformed one.</summary>
internal sealed class GraphQLHttpRequestReader(IGraphQLTextSerializer serializer)
{
    public async Task<GraphQLRequest> ReadAsync(HttpRequest request)
    {
        var graphQLRequest = HttpMethods.IsGet(request.Method)
            ? FromQueryString(request.Query)
            : await FromBodyAsync(request);
        // Persisted documents are not supported, so every request needs its document.
        if (string.IsNullOrEmpty(graphQLRequest.Query))
            throw new MissingQueryError();
        return graphQLRequest;
    }

    private async Task<GraphQLRequest> FromBodyAsync(HttpRequest request)
    {
        if (!IsUtf8Json(request.ContentType))
            throw new UnsupportedMediaTypeError();
        try
        {
            return await serializer.ReadAsync<GraphQLRequest>(request.Body, request.HttpContext.RequestAborted)
                ?? throw new InvalidRequestBodyError();
        }
        catch (JsonException)
        {
            throw new InvalidRequestBodyError();
        }
    }

    private static bool IsUtf8Json(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.Equals(GraphQLMediaTypes.Json, StringComparison.OrdinalIgnoreCase)
        && (!mediaType.Charset.HasValue || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private GraphQLRequest FromQueryString(IQueryCollection parameters) => new()
    {
        Query = Single(parameters, "query"),
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
