using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Monolith.Web.Observability;

/// <summary>Probes (on every port) and the operator's endpoints (on the management port only).</summary>
public static class ManagementEndpoints
{
    /// <summary>Liveness: the process answers. Checks nothing else, so a slow database never restarts pods.</summary>
    public const string Liveness = "/healthz";

    /// <summary>Readiness: the checks tagged <see cref="HealthTags.Ready"/> pass (degraded ones still count as ready).</summary>
    public const string Readiness = "/readyz";

    /// <summary>Every check with its status, duration and error, as JSON.</summary>
    public const string HealthReport = "/health";

    /// <summary>Prometheus scrape endpoint.</summary>
    public const string Metrics = "/metrics";

    /// <summary>Requests that are left out of the request log and of traces.</summary>
    public static bool IsOperational(PathString path) =>
        path.Equals(Liveness, StringComparison.OrdinalIgnoreCase)
        || path.Equals(Readiness, StringComparison.OrdinalIgnoreCase)
        || path.Equals(HealthReport, StringComparison.OrdinalIgnoreCase)
        || path.Equals(Metrics, StringComparison.OrdinalIgnoreCase);

    public static WebApplication MapManagementEndpoints(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ObservabilityOptions>>().Value;
        Operational(app.MapHealthChecks(Liveness, new HealthCheckOptions { Predicate = _ => false }), alsoPublic: true);
        Operational(app.MapHealthChecks(Readiness, new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready) }), alsoPublic: true);
        if (options.ManagementPort == 0)
        {
            return app;
        }

        Operational(app.MapHealthChecks(HealthReport, new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync }), alsoPublic: false);
        if (options.Metrics)
        {
            Operational(app.MapPrometheusScrapingEndpoint(Metrics), alsoPublic: false);
        }

        return app;
    }

    // Probes and scrapes are not user traffic: they stay out of the request-duration metrics.
    private static void Operational(IEndpointConventionBuilder endpoint, bool alsoPublic) =>
        endpoint.WithMetadata(new ManagementEndpoint(alsoPublic)).DisableHttpMetrics();
}
