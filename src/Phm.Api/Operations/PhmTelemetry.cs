using System.Diagnostics;
using System.Diagnostics.Metrics;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using Phm.Api.Transport;

namespace Phm.Api.Operations;

/// <summary>
/// The hub's own traces and metrics, named <see cref="Name"/>: a span, a count and a duration per GraphQL request, tagged
/// with the operation's type and name, and a count of errors by their <c>extensions.code</c>. Tags never hold anything
/// about a patient or a caller: no document, variables, subject or PCN. Collected only when an OTLP endpoint is configured.
/// </summary>
public static class PhmTelemetry
{
    public const string Name = "Phm.Api";

    public const string OperationTypeTag = "graphql.operation.type";
    public const string OperationNameTag = "graphql.operation.name";
    public const string ErrorCodeTag = "error.code";
    public const string CorrelationIdTag = "phm.correlation_id";

    /// <summary>On a span: the distinct error codes of its response, comma-separated.</summary>
    public const string ErrorCodesTag = "phm.graphql.error_codes";

    internal static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Requests =
        Meter.CreateCounter<long>("phm.graphql.requests", "{request}", "GraphQL requests answered, by operation.");

    internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram(
        "phm.graphql.request.duration", "s", "Time from a GraphQL request's arrival to its response's last byte, by operation.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10, 30] });

    internal static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "phm.graphql.errors", "{response}",
        "GraphQL responses carrying an error, once per error code: refusals (UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, the limits) and failures (TIMEOUT, INTERNAL_SERVER_ERROR).");

    /// <summary>The code a client sees for <paramref name="error"/>; an unhandled exception's is never its type's.</summary>
    internal static string CodeOf(ExecutionError error) =>
        error is UnhandledError ? GraphQLErrorInfoProvider.InternalErrorCode : error.Code ?? "UNSPECIFIED";

    internal static string? TypeOf(GraphQLOperationDefinition? operation) => operation?.Operation switch
    {
        OperationType.Query => "query",
        OperationType.Mutation => "mutation",
        OperationType.Subscription => "subscription",
        _ => null,
    };
}

/// <summary>
/// One GraphQL request as traced and measured, from <see cref="Start"/> to <see cref="Dispose"/> (after the response is
/// written). The handler reports the result it answers with through <see cref="Answered"/>. Only a request whose document
/// passed validation names an operation; one refused before (by the transport, a limit or validation) has no operation tags.
/// </summary>
internal sealed class GraphQLRequestTelemetry : IDisposable
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Activity? _activity;
    private ExecutionResult? _result;

    private GraphQLRequestTelemetry(Activity? activity) => _activity = activity;

    public static GraphQLRequestTelemetry Start(HttpContext context)
    {
        var telemetry = new GraphQLRequestTelemetry(PhmTelemetry.Source.StartActivity("GraphQL Operation"));
        telemetry._activity?.SetTag(PhmTelemetry.CorrelationIdTag, context.TraceIdentifier);
        context.Features.Set(telemetry);
        return telemetry;
    }

    public static void Answered(HttpContext context, ExecutionResult result)
    {
        if (context.Features.Get<GraphQLRequestTelemetry>() is { } telemetry)
            telemetry._result = result;
    }

    public void Dispose()
    {
        // Without a listener (telemetry is off unless an OTLP endpoint is set) there is nothing to record.
        if (_activity is null && !PhmTelemetry.Requests.Enabled && !PhmTelemetry.RequestDuration.Enabled && !PhmTelemetry.Errors.Enabled)
            return;
        var operationType = PhmTelemetry.TypeOf(_result?.Operation);
        var operationName = _result?.Operation?.Name?.StringValue;
        var tags = new TagList();
        if (operationType is not null)
            tags.Add(PhmTelemetry.OperationTypeTag, operationType);
        if (operationName is not null)
            tags.Add(PhmTelemetry.OperationNameTag, operationName);
        PhmTelemetry.Requests.Add(1, tags);
        PhmTelemetry.RequestDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);

        var codes = _result?.Errors?.Select(PhmTelemetry.CodeOf).Distinct().ToList() ?? [];
        foreach (var code in codes)
            PhmTelemetry.Errors.Add(1, new KeyValuePair<string, object?>(PhmTelemetry.ErrorCodeTag, code));

        if (_activity is null)
            return;
        // The span name the OpenTelemetry GraphQL conventions give: "{type} {name}" as far as known.
        if (operationType is not null)
            _activity.DisplayName = operationName is null ? operationType : $"{operationType} {operationName}";
        foreach (var tag in tags)
            _activity.SetTag(tag.Key, tag.Value);
        if (codes.Count > 0)
        {
            _activity.SetTag(PhmTelemetry.ErrorCodesTag, string.Join(",", codes));
            _activity.SetStatus(ActivityStatusCode.Error, codes[0]);
        }
        _activity.Dispose();
    }
}
