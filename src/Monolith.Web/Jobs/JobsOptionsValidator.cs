using Microsoft.Extensions.Options;

namespace Monolith.Web.Jobs;

internal sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var failures = new List<string>();
        foreach (var (queue, count) in options.Workers)
        {
            if (!JobQueues.All.Contains(queue, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"Jobs:Workers:{queue} is not a queue; use {string.Join(", ", JobQueues.All)}.");
            }
            else if (count is < 0 or > 200)
            {
                failures.Add($"Jobs:Workers:{queue} must be between 0 and 200.");
            }
        }

        if (options.RetryAttempts is < 0 or > 50)
        {
            failures.Add("Jobs:RetryAttempts must be between 0 and 50.");
        }

        if (options.RetryDelaysSeconds.Any(delay => delay < 0))
        {
            failures.Add("Jobs:RetryDelaysSeconds must not be negative.");
        }

        if (options.ShutdownTimeoutSeconds is < 1 or > 3600)
        {
            failures.Add("Jobs:ShutdownTimeoutSeconds must be between 1 and 3600.");
        }

        if (options.InvisibilityTimeoutSeconds is < 2 or > 86400)
        {
            failures.Add("Jobs:InvisibilityTimeoutSeconds must be between 2 and 86400.");
        }

        if (options.RetentionDays < 1)
        {
            failures.Add("Jobs:RetentionDays must be at least 1.");
        }

        foreach (var (id, cron) in options.Schedules)
        {
            if (!RecurringJobs.Ids.Contains(id, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"Jobs:Schedules:{id} is not a recurring job; known: {string.Join(", ", RecurringJobs.Ids)}.");
            }
            else if (cron != RecurringJobs.Disabled && cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is not (5 or 6))
            {
                failures.Add($"Jobs:Schedules:{id} must be a cron expression (5 or 6 fields) or \"-\" to disable, not '{cron}'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
