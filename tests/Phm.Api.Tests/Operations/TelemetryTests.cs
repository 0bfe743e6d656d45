using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Phm.Api.Governance;
using Phm.Api.Operations;
using Phm.Api.Transport;

namespace Phm.Api.Tests.Operations;

/// <summary>
/// OpenTelemetry: nothing at all without an OTLP endpoint; with one, spans and metrics of each GraphQL request by operation,
/// errors by code, and nothing in them about the caller or the document.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class TelemetryTests(PhmApiFactory hub)
{
    private const string Query = "query TelemetryPcns { pcns { code } }";
    private const string OperationName = "TelemetryPcns";

    [Fact]
    public void WithoutAnOtlpEndpoint_NothingIsCollectedOrExported()
    {
        Assert.Null(hub.Services.GetService<TracerProvider>());
        Assert.Null(hub.Services.GetService<MeterProvider>());
        Assert.DoesNotContain(hub.Services.GetServices<ILoggerProvider>(), provider => provider.GetType().FullName!.StartsWith("OpenTelemetry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithAnOtlpEndpoint_EachGraphQLRequestIsTracedAndMeasuredByOperation_AndRefusalsCountedByCode()
    {
        var spans = new LockedCollection<Activity>();
        var metrics = new LockedCollection<MetricSnapshot>();
        await using var traced = hub.WithWebHostBuilder(builder =>
        {
            // Nothing listens there; the in-memory exporters below are what the test reads.
            builder.UseSetting(OperationsExtensions.OtlpEndpointKey, "http://127.0.0.1:4317");
            builder.ConfigureServices(services => services
                .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))
                .ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics)));
        });
        var analyst = hub.AsAnalyst("telemetry-analyst");

        var (answered, answeredId) = await PostAsync(traced, analyst.BearerToken);
        var (refused, refusedId) = await PostAsync(traced, bearerToken: null);

        Assert.Empty(answered.ErrorCodes);
        Assert.Equal([UnauthenticatedError.ErrorCode], refused.ErrorCodes);
        traced.Services.GetRequiredService<TracerProvider>().ForceFlush();
        traced.Services.GetRequiredService<MeterProvider>().ForceFlush();

        var answeredSpan = spans.Single(span => span.Source.Name == PhmTelemetry.Name && Equals(span.GetTagItem(PhmTelemetry.CorrelationIdTag), answeredId));
        Assert.Equal("query TelemetryPcns", answeredSpan.DisplayName);
        Assert.Equal(("query", OperationName), (answeredSpan.GetTagItem(PhmTelemetry.OperationTypeTag), answeredSpan.GetTagItem(PhmTelemetry.OperationNameTag)));
        // Refused in validation, before an operation was chosen: no operation tags, the error's code and status instead.
        var refusedSpan = spans.Single(span => span.Source.Name == PhmTelemetry.Name && Equals(span.GetTagItem(PhmTelemetry.CorrelationIdTag), refusedId));
        Assert.Equal((ActivityStatusCode.Error, UnauthenticatedError.ErrorCode), (refusedSpan.Status, refusedSpan.GetTagItem(PhmTelemetry.ErrorCodesTag)));
        // ASP.NET Core's server span is the parent, and EF Core's database spans are the children.
        Assert.Contains(spans, span => span.SpanId == answeredSpan.ParentSpanId && span.Kind == ActivityKind.Server);
        Assert.Contains(spans, span => span.ParentSpanId == answeredSpan.SpanId && span.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal));
        // Nothing about the caller or the document: only these tags.
        Assert.All([answeredSpan, refusedSpan], span => Assert.Subset(
            new HashSet<string> { PhmTelemetry.OperationTypeTag, PhmTelemetry.OperationNameTag, PhmTelemetry.CorrelationIdTag, PhmTelemetry.ErrorCodesTag },
            span.TagObjects.Select(tag => tag.Key).ToHashSet()));

        var operationTags = new Dictionary<string, object?> { [PhmTelemetry.OperationTypeTag] = "query", [PhmTelemetry.OperationNameTag] = OperationName };
        Assert.Equal(1, Sum(metrics, "phm.graphql.requests", operationTags));
        Assert.Equal(1, PointsOf(metrics, "phm.graphql.request.duration", operationTags).Sum(point => point.GetHistogramCount()));
        Assert.True(Sum(metrics, "phm.graphql.errors", new Dictionary<string, object?> { [PhmTelemetry.ErrorCodeTag] = UnauthenticatedError.ErrorCode }) >= 1);
    }

    [Fact]
    public async Task WithAnOtlpEndpoint_TheLogRecordsOfARequestCarryItsCorrelationId()
    {
        var logs = new LockedCollection<LogRecord>();
        await using var traced = hub.WithWebHostBuilder(builder =>
        {
            builder.UseSetting(OperationsExtensions.OtlpEndpointKey, "http://127.0.0.1:4317");
            // ASP.NET Core's "Request starting" line, otherwise filtered out, stands for any record logged during a request.
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Information");
            builder.ConfigureServices(services => services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(logs)));
        });

        var (_, correlationId) = await PostAsync(traced, bearerToken: null);

        var requestStarting = logs.First(log => log.CategoryName == "Microsoft.AspNetCore.Hosting.Diagnostics" && log.EventId.Id == 1);
        var scopes = new Dictionary<string, object?>();
        requestStarting.ForEachScope((scope, _) =>
        {
            foreach (var item in scope)
                scopes[item.Key] = item.Value;
        }, (object?)null);
        Assert.Equal(correlationId, scopes["RequestId"]);
    }

    private static async Task<(GraphQLResponse Response, string CorrelationId)> PostAsync(WebApplicationFactory<Program> traced, string? bearerToken)
    {
        using var client = traced.CreateClient();
        using var content = new StringContent(JsonSerializer.Serialize(new { query = Query, operationName = OperationName }), Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        if (bearerToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (new GraphQLResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body),
            response.Headers.GetValues(GraphQLHttpHandler.CorrelationIdHeader).Single());
    }

    /// <summary>The latest export's points of <paramref name="name"/> whose tags include <paramref name="tags"/>.</summary>
    private static List<MetricPoint> PointsOf(IEnumerable<MetricSnapshot> metrics, string name, Dictionary<string, object?> tags)
    {
        var snapshot = metrics.Last(metric => metric.Name == name);
        return snapshot.MetricPoints.Where(point =>
        {
            var pointTags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
                pointTags[tag.Key] = tag.Value;
            return tags.All(tag => pointTags.TryGetValue(tag.Key, out var value) && Equals(value, tag.Value));
        }).ToList();
    }

    private static long Sum(IEnumerable<MetricSnapshot> metrics, string name, Dictionary<string, object?> tags) =>
        PointsOf(metrics, name, tags).Sum(point => point.GetSumLong());
}
