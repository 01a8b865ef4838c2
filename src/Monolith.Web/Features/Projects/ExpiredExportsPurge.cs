using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Monolith.Web.Data;
using Monolith.Web.Jobs;

namespace Monolith.Web.Features.Projects;

/// <summary>
/// Part of <c>purge-old-data</c>: deletes export files whose link has expired (<c>Exports:LinkLifetime</c>)
/// and their rows. The file goes first: a row left by a failure is retried on the next run. Files older
/// than the link lifetime without a row (their account was deleted) go too.
/// </summary>
public sealed class ExpiredExportsPurge(AppDbContext db, ExportFiles files, IOptions<ExportOptions> options) : IPurgeStep
{
    public async Task<string> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expiredBefore = now - options.Value.LinkLifetime;
        var expired = await db.ProjectExports
            .Where(e => e.CompletedAt != null && e.CompletedAt < expiredBefore)
            .ToListAsync(cancellationToken);
        foreach (var export in expired)
        {
            files.Delete(export.FileId);
        }

        db.ProjectExports.RemoveRange(expired);
        await db.SaveChangesAsync(cancellationToken);
        var orphans = files.DeleteWrittenBefore(expiredBefore);
        return $"{expired.Count} expired exports, {orphans} files without an export";
    }
}
