namespace Monolith.Web.Jobs;

/// <summary>The <c>Jobs</c> configuration section.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Worker threads per queue in a process that runs jobs.</summary>
    public Dictionary<string, int> Workers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Retries after the first failure; then the job is Failed (visible in the dashboard, logged as an error).</summary>
    public int RetryAttempts { get; set; } = 5;

    /// <summary>Seconds before each retry (the last value repeats).</summary>
    public int[] RetryDelaysSeconds { get; set; } = [];

    /// <summary>On SIGTERM, how long running jobs may finish before they are cancelled and re-queued.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 20;

    /// <summary>How long a job fetched by a vanished (killed) worker stays invisible before another worker runs it.</summary>
    public int InvisibilityTimeoutSeconds { get; set; } = 300;

    /// <summary>Dashboard at /admin/jobs is read-only unless this is true. Unset: writable only in Development.</summary>
    public bool? DashboardWritable { get; set; }

    /// <summary>Cron overrides of recurring jobs, by job id (e.g. <c>Jobs:Schedules:heartbeat</c>); "-" disables a job.</summary>
    public Dictionary<string, string> Schedules { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Age after which the purge job deletes old rows (finished job heartbeats, expired keys).</summary>
    public int RetentionDays { get; set; } = 90;

    public int WorkersFor(string queue) => Workers.TryGetValue(queue, out var count) ? count : 0;
}
