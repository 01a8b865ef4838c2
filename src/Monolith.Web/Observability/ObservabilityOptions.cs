namespace Monolith.Web.Observability;

/// <summary>The <c>Observability</c> configuration section (<c>LogFormat</c> is read before the container exists).</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>Port of the management listener (metrics, health report, probes); 0 turns it off.</summary>
    public int ManagementPort { get; set; } = 9090;

    /// <summary>Collect metrics and serve them at <c>/metrics</c> on the management port.</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>Record traces; they are exported by OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
    public bool Tracing { get; set; } = true;

    /// <summary>How long one health check may take before it counts as failed.</summary>
    public double HealthCheckTimeoutSeconds { get; set; } = 2;
}
