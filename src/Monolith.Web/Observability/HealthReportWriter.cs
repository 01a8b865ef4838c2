using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monolith.Web.Observability;

/// <summary>The detailed health report: overall status, then each check with its duration and error message (no stack trace).</summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            version = AppInfo.Version,
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => new
            {
                status = entry.Value.Status.ToString(),
                durationMs = Math.Round(entry.Value.Duration.TotalMilliseconds, 1),
                description = entry.Value.Description,
                error = entry.Value.Exception?.Message.ReplaceLineEndings(" "),
                tags = entry.Value.Tags,
            }),
        }, cancellationToken: context.RequestAborted);
    }
}
