using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Monolith.Web.Areas.Admin.History;
using Monolith.Web.Data;

namespace Monolith.Web.Jobs;

/// <summary>
/// Deletes what is older than <c>Jobs:RetentionDays</c>: audit entries, heartbeats, and Data Protection
/// keys that expired that long ago (they protected Identity's emailed tokens and cookies, all long
/// invalid by then); then each feature's <see cref="IPurgeStep"/> (e.g. expired CSV exports).
/// Idempotent: deleting what is already gone does nothing.
/// </summary>
public sealed class PurgeOldDataJob(
    AppDbContext db, TimeProvider clock, IOptions<JobsOptions> options, IEnumerable<IPurgeStep> steps, ILogger<PurgeOldDataJob> logger)
{
    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        var audit = await db.Set<AuditEntry>().Where(e => e.At < cutoff.UtcDateTime).ExecuteDeleteAsync(cancellationToken);
        var heartbeats = await db.Set<JobHeartbeat>().Where(h => h.LastRunAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var keys = await PurgeExpiredKeysAsync(cutoff, cancellationToken);
        logger.LogInformation(
            "Purged data older than {Cutoff:O}: {Audit} audit entries, {Heartbeats} heartbeats, {Keys} expired keys",
            cutoff, audit, heartbeats, keys);
        foreach (var step in steps)
        {
            logger.LogInformation("Purged {Purged}", await step.PurgeAsync(clock.GetUtcNow(), cancellationToken));
        }
    }

    private async Task<int> PurgeExpiredKeysAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var expired = (await db.DataProtectionKeys.ToListAsync(cancellationToken))
            .Where(key => ExpiresAt(key) is { } expiry && expiry < cutoff)
            .ToList();
        db.DataProtectionKeys.RemoveRange(expired);
        await db.SaveChangesAsync(cancellationToken);
        return expired.Count;
    }

    private static DateTimeOffset? ExpiresAt(DataProtectionKey key) =>
        key.Xml is { Length: > 0 } xml
        && XElement.Parse(xml).Element("expirationDate")?.Value is { } value
        && DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var expiry)
            ? expiry
            : null;
}
