using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Phm.Api.Operations;
using Phm.Data.Store;

namespace Phm.Api.Transport;

/// <summary>
/// Answers one request at the GraphQL endpoint: negotiates the response type, applies the limits of <see cref="GraphQLHttpOptions"/>
/// from the cheapest up, reads the request, executes it and streams the result.
/// </summary>
internal sealed class GraphQLHttpHandler : IDisposable
{
    /// <summary>Carried by every GraphQL response and by the log line of any unhandled exception, so the two can be matched.</summary>
    public const string CorrelationIdHeader = "X-Correlation-Id";

    private readonly IDocumentExecuter<ISchema> executer;
    private readonly IGraphQLTextSerializer serializer;
    private readonly GraphQLHttpOptions options;
    private readonly GraphiQLAssets graphiQL;
    private readonly ILogger<GraphQLHttpHandler> logger;
    private readonly GraphQLHttpRequestReader requestReader;
    private readonly TrustedDocuments trustedDocuments;
    private readonly SubjectRateLimiter rateLimiter;
    private readonly ValidationErrorDigest validationErrors;
    private readonly IValidationRule[] postValidationRules;
    private readonly IValidationRule[] getValidationRules;

    public GraphQLHttpHandler(
        IDocumentExecuter<ISchema> executer,
        IGraphQLTextSerializer serializer,
        IOptions<GraphQLHttpOptions> options,
        GraphiQLAssets graphiQL,
        ILogger<GraphQLHttpHandler> logger)
    {
        this.executer = executer;
        this.serializer = serializer;
        this.options = options.Value;
        this.graphiQL = graphiQL;
        this.logger = logger;
        requestReader = new GraphQLHttpRequestReader(serializer, this.options.MaxRequestBodyBytes);
        trustedDocuments = new TrustedDocuments(this.options.TrustedDocuments);
        rateLimiter = new SubjectRateLimiter(this.options.RateLimit);
        validationErrors = new ValidationErrorDigest(this.options);
        postValidationRules = [.. DocumentValidator.CoreRules, .. LimitRules(this.options)];
        getValidationRules = [.. postValidationRules, QueriesOnlyOverGetRule.Instance];
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        // The page, and which JSON type, both depend on Accept; caches must not mix them up.
        context.Response.Headers.Vary = HeaderNames.Accept;
        var isGet = HttpMethods.IsGet(request.Method);
        if (isGet && options.ServeGraphiQL && AcceptHeader.NamesHtml(request.Headers.Accept))
        {
            await graphiQL.WritePageAsync(context);
            return;
        }

        using var telemetry = GraphQLRequestTelemetry.Start(context);
        // Responses carry patient data: no cache may keep them.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers[CorrelationIdHeader] = context.TraceIdentifier;
        var wildcardMediaType = options.AnswerWildcardsWithGraphQLResponseJson ? GraphQLMediaTypes.GraphQLResponseJson : GraphQLMediaTypes.Json;
        var mediaType = AcceptHeader.NegotiateResponseMediaType(request.Headers.Accept, wildcardMediaType);
        try
        {
            if (!isGet && !HttpMethods.IsPost(request.Method))
                throw new MethodNotAllowedError();
            rateLimiter.Acquire(context);
            if (mediaType is null)
                throw new NotAcceptableError();

            var graphQLRequest = await requestReader.ReadAsync(request);
            if (isGet && !options.AllowGetQueries && graphQLRequest.Query is not null)
                throw new DocumentNotAllowedOverGetError();
            graphQLRequest = trustedDocuments.Resolve(graphQLRequest);
            DocumentPrecheck.Check(graphQLRequest.Query!, options.Document);
            var result = await ExecuteAsync(context, graphQLRequest, isGet);
            validationErrors.Apply(result);
            var statusCode = StatusCodeOf(result, mediaType);
            if (statusCode == StatusCodes.Status405MethodNotAllowed)
                context.Response.Headers.Allow = OperationNotAllowedOverGetError.Allow;
            await WriteAsync(context, result, statusCode, mediaType);
        }
        catch (GraphQLHttpError error)
        {
            if (error.Allow is { } allow)
                context.Response.Headers.Allow = allow;
            // A client that accepts neither type still gets an explanation, in the legacy type.
            await WriteAsync(context, new ExecutionResult { Errors = [error] }, error.StatusCode, mediaType ?? GraphQLMediaTypes.Json);
        }
    }

    public void Dispose() => rateLimiter.Dispose();

    /// <summary>Rules that refuse a parsed document for its cost: depth and complexity always, introspection when it is switched off.</summary>
    private static IEnumerable<IValidationRule> LimitRules(GraphQLHttpOptions options)
    {
        if (!options.Introspection)
            yield return NoIntrospectionValidationRule.Instance;
        var complexity = new ComplexityOptions
        {
            MaxDepth = options.MaxDepth,
            MaxComplexity = options.MaxComplexity,
            DefaultListImpactMultiplier = options.ListSizeEstimate,
        };
        // Introspection's cost is bounded by the schema, not the data, yet its nested lists would count as ~200,000 and refuse
        // GraphiQL's own query; it counts (next to) nothing here, is still bounded by depth, and is switched off where that matters.
        // Names starting with "__" are reserved to introspection by the spec.
        var countData = complexity.DefaultComplexityImpactDelegate;
        complexity.DefaultComplexityImpactDelegate = context =>
        {
            if (context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal) || context.ParentType.Name.StartsWith("__", StringComparison.Ordinal))
                return new FieldComplexityResult(0, 1);
            var result = countData(context);
            // GraphQL.NET reads only a `first` written in the document; one left out means its default page, not a short list.
            return result.ChildImpactMultiplier == options.ListSizeEstimate && DefaultPageSize(context) is { } pageSize
                ? new FieldComplexityResult(result.FieldImpact, pageSize)
                : result;
        };
        yield return new ComplexityValidationRule(complexity);
    }

    /// <summary>The default of <c>first</c> on the list field itself or on the connection it belongs to, when the document gives neither a <c>first</c>.</summary>
    private static int? DefaultPageSize(FieldImpactContext context)
    {
        const string First = "first";
        if (context.Arguments?.ContainsKey(First) == true || context.Parent?.Arguments?.ContainsKey(First) == true)
            return null;
        return context.FieldDefinition.Arguments?.Find(First)?.DefaultValue as int?
            ?? context.Parent?.FieldDefinition.Arguments?.Find(First)?.DefaultValue as int?;
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
            Timeout = options.ExecutionTimeout,
            TimeoutAction = TimeoutAction.ReturnTimeoutError,
            ValidationRules = isGet ? getValidationRules : postValidationRules,
            UnhandledExceptionDelegate = exceptionContext =>
            {
                // Expected while the database restarts, and answered with DATABASE_UNAVAILABLE: one line, not a stack trace per request.
                if (DatabaseUnavailable.Is(exceptionContext.OriginalException))
                {
                    logger.LogWarning("The database is unavailable (correlation id {CorrelationId}): {Error}",
                        context.TraceIdentifier, exceptionContext.OriginalException.Message);
                    return Task.CompletedTask;
                }
                logger.LogError(exceptionContext.OriginalException, "Unhandled exception while resolving {Field} (correlation id {CorrelationId})",
                    exceptionContext.FieldContext?.FieldDefinition.Name, context.TraceIdentifier);
                return Task.CompletedTask;
            },
        };
        if (isGet)
        {
            // A document cache skips validation for documents it has seen, and the same document may have come by POST before.
            executionOptions.CachedDocumentValidationRules = [QueriesOnlyOverGetRule.Instance];
        }
        return executer.ExecuteAsync(executionOptions);
    }

    /// <summary>
    /// A result that was executed is 200, even with errors. One that was not (parse, validation or variable errors) is 400 in
    /// <c>application/graphql-response+json</c> but 200 in legacy <c>application/json</c>, except a non-query over GET, which is 405,
    /// and an execution cut off by the timeout, which has no data and is the server's doing: 504 in <c>application/graphql-response+json</c>;
    /// so is a database that could not be reached before execution began (<see cref="DatabaseUnavailable"/>): 503.
    /// </summary>
    private static int StatusCodeOf(ExecutionResult result, string mediaType)
    {
        if (result.Executed)
            return StatusCodes.Status200OK;
        if (result.Errors?.OfType<OperationNotAllowedOverGetError>().Any() == true)
            return StatusCodes.Status405MethodNotAllowed;
        if (mediaType != GraphQLMediaTypes.GraphQLResponseJson)
            return StatusCodes.Status200OK;
        if (result.Errors?.OfType<TimeoutError>().Any() == true)
            return StatusCodes.Status504GatewayTimeout;
        return result.Errors?.Any(GraphQLErrorInfoProvider.IsDatabaseUnavailable) == true
            ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status400BadRequest;
    }

    private Task WriteAsync(HttpContext context, ExecutionResult result, int statusCode, string mediaType)
    {
        GraphQLRequestTelemetry.Answered(context, result);
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = mediaType + "; charset=utf-8";
        return serializer.WriteAsync(response.Body, result, context.RequestAborted);
    }
}
