using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Monolith.Web.Observability;

public static class HealthEndpoints
{
    /// <summary>Liveness: the process answers. Checks nothing else, so a slow database never restarts pods.</summary>
    public const string Liveness = "/healthz";

    /// <summary>Readiness: the checks tagged <see cref="HealthTags.Ready"/> pass (the database answers).</summary>
    public const string Readiness = "/readyz";

    public static bool IsProbe(PathString path) =>
        path.Equals(Liveness, StringComparison.OrdinalIgnoreCase)
        || path.Equals(Readiness, StringComparison.OrdinalIgnoreCase);

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(Liveness, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(Readiness, new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready) });
        return app;
    }
}
