namespace Monolith.Web;

/// <summary>
/// What this process does (<c>App:Role</c>, or the <c>web</c>/<c>worker</c> command): web and worker
/// pods scale separately on Kubernetes; a laptop or single VPS runs <see cref="All"/>.
/// </summary>
public enum AppRole
{
    /// <summary>Serves HTTP and runs background jobs (the default).</summary>
    All,

    /// <summary>Serves HTTP and enqueues jobs; runs none.</summary>
    Web,

    /// <summary>Runs background jobs; serves only health and metrics.</summary>
    Worker,
}

public static class AppRoles
{
    public const string Key = "App:Role";

    /// <summary>Read at registration time: the role decides what is registered.</summary>
    public static AppRole Read(IConfiguration configuration)
    {
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return AppRole.All;
        }

        return Enum.TryParse<AppRole>(value, ignoreCase: true, out var role) && Enum.IsDefined(role)
            ? role
            : throw new StartupException($"{Key} must be web, worker or all, not '{value}'.");
    }

    public static bool ServesPages(this AppRole role) => role != AppRole.Worker;

    public static bool RunsJobs(this AppRole role) => role != AppRole.Web;
}
