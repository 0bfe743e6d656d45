using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Phm.Data.Store;

namespace Phm.Api.Operations;

/// <summary>What an operator needs beside the API: health endpoints for probes, and telemetry over OTLP when asked for.</summary>
public static class OperationsExtensions
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    /// <summary>
    /// Checks tagged with it decide <see cref="ReadyPath"/>. A later check (risk models loaded, say) joins readiness by
    /// registering with this tag.
    /// </summary>
    public const string ReadyTag = "ready";

    /// <summary>The standard OpenTelemetry variable (also a configuration key): without it nothing is collected or exported.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string ServiceName = "phm-hub";

    public static WebApplicationBuilder AddPhmOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<StorePreparedHealthCheck>("store", tags: [ReadyTag])
            .AddCheck<RiskScoresCurrentHealthCheck>("risk scores", tags: [ReadyTag])
            .AddDbContextCheck<PhmDbContext>("database", tags: [ReadyTag]);
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
            builder.Services.AddPhmTelemetry();
        return builder;
    }

    /// <summary>
    /// <see cref="LivePath"/>: 200 while the process serves requests. <see cref="ReadyPath"/>: 200 when every check tagged
    /// <see cref="ReadyTag"/> passes, 503 otherwise. Neither needs a token; each body is only the status word
    /// (<c>Healthy</c> or <c>Unhealthy</c>), never which check failed or why.
    /// </summary>
    public static WebApplication MapPhmHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }

    /// <summary>
    /// Traces (ASP.NET Core, EF Core, one span per GraphQL request), metrics (ASP.NET Core, EF Core, the runtime, GraphQL
    /// requests and errors) and logs, all exported over OTLP as the standard <c>OTEL_EXPORTER_OTLP_*</c> variables say.
    /// </summary>
    private static void AddPhmTelemetry(this IServiceCollection services) =>
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(PhmTelemetry.Name)
                // Probes every few seconds would bury the requests that matter.
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                // Parameter values, which could be patient data, are left out (the instrumentation's default;
                // never set OTEL_DOTNET_EXPERIMENTAL_EFCORE_ENABLE_TRACE_DB_QUERY_PARAMETERS).
                .AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(PhmTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.EntityFrameworkCore", "System.Runtime"))
            // Scopes carry each request's RequestId, the X-Correlation-Id of the GraphQL response, into every log record.
            .WithLogging(configureBuilder: null, configureOptions: options => options.IncludeScopes = true)
            .UseOtlpExporter();
}
