using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Monolith.Web.Observability;

/// <summary>OpenTelemetry metrics (scraped by Prometheus) and traces (pushed by OTLP).</summary>
internal static class Telemetry
{
    /// <summary>The app's own meters and activity sources: every battery names them <c>Monolith.Something</c>.</summary>
    private const string AppInstrumentation = "Monolith.*";

    private const string FusionCacheInstrumentation = "ZiggyCreatures.Caching.Fusion";

    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    // Every metric stream preallocates its cardinality limit of points (2,000 by default, about 140 KB
    // per stream: 13 MB for the app's streams while idle). The app's tags (method, status, queue,
    // cache…) stay far below these limits; request durations get more room for route × method × status.
    private const int CardinalityLimit = 200;
    private const int RequestDurationCardinalityLimit = 1000;

    public static void Add(WebApplicationBuilder builder, ObservabilityOptions options, string role)
    {
        var exportTraces = options.Tracing && !string.IsNullOrEmpty(builder.Configuration[OtlpEndpointVariable]);
        if (!options.Metrics && !exportTraces)
        {
            return;
        }

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource
            .AddService(builder.Environment.ApplicationName, serviceVersion: AppInfo.Version)
            .AddAttributes([new("app.role", role)]));
        if (options.Metrics)
        {
            telemetry.WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("Microsoft.EntityFrameworkCore", FusionCacheInstrumentation, AppInstrumentation)
                .AddView(instrument => new MetricStreamConfiguration
                {
                    CardinalityLimit = instrument.Name.EndsWith(".request.duration", StringComparison.Ordinal)
                        ? RequestDurationCardinalityLimit
                        : CardinalityLimit,
                })
                .AddPrometheusExporter());
        }

        if (exportTraces)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing
                    .AddAspNetCoreInstrumentation(aspNetCore =>
                        aspNetCore.Filter = context => !ManagementEndpoints.IsOperational(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation()
                    .AddNpgsql()
                    .AddRedisInstrumentation()
                    .AddSource(FusionCacheInstrumentation, AppInstrumentation)
                    .AddOtlpExporter();
                // Unsampled requests still get a trace id (response header, log lines): ASP.NET Core
                // creates their activity anyway, it is only neither recorded nor exported.
                if (options.TraceSampleRatio is { } ratio)
                {
                    tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio)));
                }
            });
        }
    }
}
