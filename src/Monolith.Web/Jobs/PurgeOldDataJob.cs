using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Monolith.Web.Data;

namespace Monolith.Web.Jobs;

/// <summary>Deletes rows older than <c>Jobs:RetentionDays</c>. Idempotent: deleting what is already gone does nothing.</summary>
public sealed class PurgeOldDataJob(AppDbContext db, TimeProvider clock, IOptions<JobsOptions> options, ILogger<PurgeOldDataJob> logger)
{
    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        var heartbeats = await db.Set<JobHeartbeat>()
            .Where(h => h.LastRunAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("Purged data older than {Cutoff:O}: {Heartbeats} heartbeats", cutoff, heartbeats);
    }
}
