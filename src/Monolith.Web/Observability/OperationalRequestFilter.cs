using System.Diagnostics;
using OpenTelemetry;

namespace Monolith.Web.Observability;

/// <summary>
/// Leaves probes and scrapes out of the exported traces: a request span whose path is operational is
/// marked not recorded as it starts, so the exporter skips it. The sampling decision for every other
/// request stays the configured sampler's.
/// </summary>
internal sealed class OperationalRequestFilter : BaseProcessor<Activity>
{
    public override void OnStart(Activity data)
    {
        if (data.Kind == ActivityKind.Server
            && data.GetTagItem("url.path") is string path
            && ManagementEndpoints.IsOperational(new PathString(path)))
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            data.IsAllDataRequested = false;
        }
    }
}
