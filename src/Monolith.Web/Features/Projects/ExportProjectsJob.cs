using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.EntityFrameworkCore;
using Monolith.Web.Data;

namespace Monolith.Web.Features.Projects;

/// <summary>
/// Writes a user's projects to a CSV file, then emails them its download link (when an
/// <see cref="IEmailSender"/> is registered). Idempotent: an export already written, or replaced by a
/// newer request, is left alone.
/// </summary>
public sealed class ExportProjectsJob(
    AppDbContext db, ExportFiles files, TimeProvider clock, ILogger<ExportProjectsJob> logger, IEmailSender? email = null)
{
    public async Task ExecuteAsync(string ownerId, Guid fileId, string downloadUrl, CancellationToken cancellationToken)
    {
        var export = await db.ProjectExports.Include(e => e.Owner).SingleOrDefaultAsync(e => e.OwnerId == ownerId, cancellationToken);
        if (export is null || export.FileId != fileId || export.CompletedAt is not null)
        {
            return;
        }

        var projects = await db.Projects.AsNoTracking().OwnedBy(ownerId).OrderBy(p => p.NormalizedName).ToListAsync(cancellationToken);
        await files.WriteAsync(fileId, projects, cancellationToken);
        export.CompletedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Exported {Count} projects to {FileId}", projects.Count, fileId);

        // After the save: a failing email is not retried, so the user never gets it twice.
        if (email is not null && export.Owner?.Email is { } address)
        {
            await email.SendEmailAsync(
                address,
                "Your projects export is ready",
                $"<p>Hello {HtmlEncoder.Default.Encode(export.Owner.UserName ?? address)},</p>"
                + $"<p>Your CSV export is ready: <a href=\"{HtmlEncoder.Default.Encode(downloadUrl)}\">download projects.csv</a> "
                + "(sign in first; the link expires, and the Projects page always shows the latest one).</p>");
        }
    }
}
