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

    /// <summary>
    /// Share of new traces recorded and exported (0 to 1); a request whose caller's trace was sampled is
    /// always recorded, one whose caller's was not never is. Null: the standard <c>OTEL_TRACES_SAMPLER</c>
    /// variables decide, and without them every trace is recorded.
    /// </summary>
    public double? TraceSampleRatio { get; set; }

    /// <summary>How long one health check may take before it counts as failed.</summary>
    public double HealthCheckTimeoutSeconds { get; set; } = 2;
}
