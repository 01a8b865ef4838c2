using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Monolith.Web.Data;
using Monolith.Web.Jobs;
using Monolith.Web.Web;

namespace Monolith.Web.Features.Projects;

/// <summary>"Export as CSV": a background job writes the file; only its owner downloads it, until the link expires.</summary>
[Authorize]
[AutoValidateAntiforgeryToken]
[Route("projects/export")]
public sealed class ProjectExportsController(
    AppDbContext db, IBackgroundJobClient jobs, ExportFiles files, TimeProvider clock, IOptions<ExportOptions> options) : Controller
{
    // A request still pending after this long is taken as lost (e.g. in-memory jobs and a restart) and may be repeated.
    private static readonly TimeSpan LostAfter = TimeSpan.FromMinutes(10);

    [HttpPost("")]
    public async Task<IActionResult> Start(CancellationToken cancellationToken)
    {
        var ownerId = User.Id();
        var now = clock.GetUtcNow();
        var export = await db.ProjectExports.SingleOrDefaultAsync(e => e.OwnerId == ownerId, cancellationToken);
        if (export is { CompletedAt: null } && now - export.RequestedAt < LostAfter)
        {
            return BackToList(); // already being written: a second click starts no second job
        }

        if (export is null)
        {
            export = new ProjectExport { OwnerId = ownerId };
            db.ProjectExports.Add(export);
        }
        else
        {
            files.Delete(export.FileId);
        }

        export.FileId = Guid.NewGuid();
        export.RequestedAt = now;
        export.CompletedAt = null;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (db.Entry(export).State == EntityState.Added)
        {
            return BackToList(); // a simultaneous first request inserted the row and enqueued the job
        }

        var fileId = export.FileId;
        // Absolute, from this request's scheme and host, as Identity builds its confirmation links: the job has no request.
        var downloadUrl = Url.Action(nameof(Download), "ProjectExports", new { fileId }, Request.Scheme)!;
        jobs.Enqueue<ExportProjectsJob>(JobQueues.Default, job => job.ExecuteAsync(ownerId, fileId, downloadUrl, CancellationToken.None));
        return BackToList();
    }

    [HttpGet("{fileId:guid}")]
    public async Task<IActionResult> Download(Guid fileId, CancellationToken cancellationToken)
    {
        var ownerId = User.Id();
        var export = await db.ProjectExports.AsNoTracking()
            .SingleOrDefaultAsync(e => e.OwnerId == ownerId && e.FileId == fileId, cancellationToken);
        if (export is null || !export.IsDownloadable(clock.GetUtcNow(), options.Value.LinkLifetime) || !System.IO.File.Exists(files.PathFor(fileId)))
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return PhysicalFile(files.PathFor(fileId), "text/csv", "projects.csv");
    }

    private RedirectResult BackToList() => Redirect(Url.Action(nameof(ProjectsController.Index), "Projects") + "#export");
}
