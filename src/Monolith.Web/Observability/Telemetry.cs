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

    private const string AspNetCoreTagsOffSwitch = "Microsoft.AspNetCore.Hosting.SuppressActivityOpenTelemetryData";

    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    // Every metric stream preallocates its cardinality limit of points (2,000 by default, about 140 KB
    // per stream: 13 MB for the app's streams while idle). The app's tags (method, status, queue,
    // cache…) stay far below these limits; request durations get more room for route × method × status.
    private const int CardinalityLimit = 200;
    private const int RequestDurationCardinalityLimit = 1000;

    // Recorded on every request, yet no alert or dashboard reads them: dropping them saves four
    // measurements per request. Rejections by the rate limiter stay (aspnetcore.rate_limiting.requests).
    private static readonly HashSet<string> UnwatchedPerRequestInstruments =
    [
        "aspnetcore.routing.match_attempts",
        "aspnetcore.rate_limiting.request_lease.duration",
        "aspnetcore.rate_limiting.active_request_leases",
        "aspnetcore.authentication.authenticate.duration",
    ];

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
                .AddView(instrument => UnwatchedPerRequestInstruments.Contains(instrument.Name)
                    ? MetricStreamConfiguration.Drop
                    : new MetricStreamConfiguration
                    {
                        CardinalityLimit = instrument.Name.EndsWith(".request.duration", StringComparison.Ordinal)
                            ? RequestDurationCardinalityLimit
                            : CardinalityLimit,
                    })
                .AddPrometheusExporter());
        }

        if (exportTraces)
        {
            // Read when the server starts; the default from ASP.NET Core 11 on.
            AppContext.SetSwitch(AspNetCoreTagsOffSwitch, false);
            telemetry.WithTracing(tracing =>
            {
                tracing
                    // ASP.NET Core's own request activity, with the semantic-convention tags it adds itself
                    // (switched on above): no diagnostic listener for MVC to report every step to.
                    .AddSource(RequestSpanProcessor.Source)
                    .AddProcessor<RequestSpanProcessor>()
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
