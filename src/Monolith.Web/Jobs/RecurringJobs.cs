using Hangfire;
using Microsoft.Extensions.Options;

namespace Monolith.Web.Jobs;

/// <summary>
/// Every recurring job, declared in one place. Schedules are cron expressions in UTC, overridable by
/// <c>Jobs:Schedules:&lt;id&gt;</c> ("-" disables one). Registered at start-up by every process that runs
/// jobs; registration is an idempotent upsert, so replicas starting together register each job once.
/// </summary>
internal sealed class RecurringJobs(IRecurringJobManager manager, IOptions<JobsOptions> options) : IHostedService
{
    public const string Disabled = "-";

    private static readonly Dictionary<string, (string Cron, Action<IRecurringJobManager, string, string> Register)> Declared = new()
    {
        [HeartbeatJob.RecurringName] = (Cron.Minutely(), (jobs, id, cron) =>
            jobs.AddOrUpdate<HeartbeatJob>(id, JobQueues.Low, job => job.ExecuteAsync(HeartbeatJob.RecurringName, CancellationToken.None), cron)),
        ["purge-old-data"] = (Cron.Daily(3), (jobs, id, cron) =>
            jobs.AddOrUpdate<PurgeOldDataJob>(id, JobQueues.Low, job => job.ExecuteAsync(CancellationToken.None), cron)),
    };

    public static IReadOnlyCollection<string> Ids => Declared.Keys;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, (defaultCron, register)) in Declared)
        {
            var cron = options.Value.Schedules.GetValueOrDefault(id, defaultCron);
            if (cron == Disabled)
            {
                manager.RemoveIfExists(id);
                continue;
            }

            try
            {
                register(manager, id, cron);
            }
            catch (ArgumentException e)
            {
                throw new StartupException($"Jobs:Schedules:{id} is not a valid cron expression: {e.Message}", e);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
