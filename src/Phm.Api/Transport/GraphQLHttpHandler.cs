using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Phm.Api.Transport;

/// <summary>Answers one request at the GraphQL endpoint: negotiates the response type, reads the request, executes it and streams the result.</summary>
internal sealed class GraphQLHttpHandler(
    IDocumentExecuter<ISchema> executer,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLHttpOptions> options,
    GraphiQLAssets graphiQL,
    ILogger<GraphQLHttpHandler> logger)
{
    private static readonly IValidationRule[] GetValidationRules = [.. DocumentValidator.CoreRules, QueriesOnlyOverGetRule.Instance];

    private readonly GraphQLHttpRequestReader requestReader = new(serializer);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        // The page, and which JSON type, both depend on Accept; caches must not mix them up.
        context.Response.Headers.Vary = HeaderNames.Accept;
        var isGet = HttpMethods.IsGet(request.Method);
        if (isGet && options.Value.ServeGraphiQL && AcceptHeader.NamesHtml(request.Headers.Accept))
        {
            await graphiQL.WritePageAsync(context);
            return;
        }

        var wildcardMediaType = options.Value.AnswerWildcardsWithGraphQLResponseJson ? GraphQLMediaTypes.GraphQLResponseJson : GraphQLMediaTypes.Json;
        var mediaType = AcceptHeader.NegotiateResponseMediaType(request.Headers.Accept, wildcardMediaType);
        try
        {
            if (!isGet && !HttpMethods.IsPost(request.Method))
            {
                context.Response.Headers.Allow = MethodNotAllowedError.Allow;
                throw new MethodNotAllowedError();
            }
            if (mediaType is null)
                throw new NotAcceptableError();

            var graphQLRequest = await requestReader.ReadAsync(request);
            var result = await ExecuteAsync(context, graphQLRequest, isGet);
            var statusCode = StatusCodeOf(result, mediaType);
            if (statusCode == StatusCodes.Status405MethodNotAllowed)
                context.Response.Headers.Allow = OperationNotAllowedOverGetError.Allow;
            await WriteAsync(context, result, statusCode, mediaType);
        }
        catch (GraphQLHttpError error)
        {
            // A client that accepts neither type still gets an explanation, in the legacy type.
            await WriteAsync(context, new ExecutionResult { Errors = [error] }, error.StatusCode, mediaType ?? GraphQLMediaTypes.Json);
        }
    }

    private Task<ExecutionResult> ExecuteAsync(HttpContext context, GraphQLRequest request, bool isGet)
    {
        var executionOptions = new ExecutionOptions
        {
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = context.RequestServices,
            User = context.User,
            CancellationToken = context.RequestAborted,
            UnhandledExceptionDelegate = exceptionContext =>
            {
                logger.LogError(exceptionContext.OriginalException, "Unhandled exception while resolving {Field}", exceptionContext.FieldContext?.FieldDefinition.Name);
                return Task.CompletedTask;
            },
        };
        if (isGet)
        {
            executionOptions.ValidationRules = GetValidationRules;
            // A document cache skips validation for documents it has seen, and the same document may have come by POST before.
            executionOptions.CachedDocumentValidationRules = [QueriesOnlyOverGetRule.Instance];
        }
        return executer.ExecuteAsync(executionOptions);
    }

    /// <summary>
    /// A result that was executed is 200, even with errors. One that was not (parse, validation or variable errors) is 400 in
    /// <c>application/graphql-response+json</c> but 200 in legacy <c>application/json</c>, except a non-query over GET, which is 405.
    /// </summary>
    private static int StatusCodeOf(ExecutionResult result, string mediaType)
    {
        if (result.Executed)
            return StatusCodes.Status200OK;
        if (result.Errors?.OfType<OperationNotAllowedOverGetError>().Any() == true)
            return StatusCodes.Status405MethodNotAllowed;
        return mediaType == GraphQLMediaTypes.GraphQLResponseJson ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
    }

    private Task WriteAsync(HttpContext context, ExecutionResult result, int statusCode, string mediaType)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = mediaType + "; charset=utf-8";
        return serializer.WriteAsync(response.Body, result, context.RequestAborted);
    }
}
