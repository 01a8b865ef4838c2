using Microsoft.EntityFrameworkCore;
using Monolith.Web.Data;

namespace Monolith.Web.Jobs;

/// <summary>
/// Records that a worker ran a job, under a name. The house style for jobs: a plain class from DI,
/// an async ExecuteAsync with a CancellationToken, and idempotent — it sets the row to the current
/// state rather than adding to it, so a run repeated after a crash leaves the same result.
/// </summary>
public sealed class HeartbeatJob(AppDbContext db, TimeProvider clock)
{
    public const string RecurringName = "heartbeat";

    public async Task ExecuteAsync(string name, CancellationToken cancellationToken)
    {
        var heartbeat = await db.Set<JobHeartbeat>().SingleOrDefaultAsync(h => h.Name == name, cancellationToken);
        if (heartbeat is null)
        {
            heartbeat = new JobHeartbeat { Name = name, Host = Environment.MachineName };
            db.Add(heartbeat);
        }

        heartbeat.LastRunAt = clock.GetUtcNow();
        heartbeat.Host = Environment.MachineName;
        await db.SaveChangesAsync(cancellationToken);
    }
}
