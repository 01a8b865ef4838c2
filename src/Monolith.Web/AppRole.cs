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
    public static AppRole Read(IConfiguration configuration) =>
        ConfigurationEnums.Read(configuration, Key, AppRole.All, "web, worker or all");

    public static bool ServesPages(this AppRole role) => role != AppRole.Worker;

    public static bool RunsJobs(this AppRole role) => role != AppRole.Web;
}
