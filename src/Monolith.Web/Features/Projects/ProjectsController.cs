using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Monolith.Web.Caching;
using Monolith.Web.Data;
using Monolith.Web.Web;

namespace Monolith.Web.Features.Projects;

/// <summary>A signed-in user's own projects. Every query filters by owner, so another user's id is a 404.</summary>
[Authorize]
[AutoValidateAntiforgeryToken]
public sealed class ProjectsController(
    AppDbContext db,
    IValidator<ProjectForm> validator,
    HybridCache cache,
    CacheInvalidator cacheInvalidator,
    TimeProvider clock,
    IOptions<ExportOptions> exportOptions) : Controller
{
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var ownerId = User.Id();
        var projects = await cache.GetOrCreateAsync(
            ProjectCache.ListKey(ownerId),
            (db, ownerId),
            static async (state, token) => await state.db.Projects.OwnedBy(state.ownerId)
                .OrderBy(p => p.NormalizedName)
                .Select(p => new ProjectSummary(p.Id, p.Name, p.Status, p.UpdatedAt))
                .ToListAsync(token),
            tags: [ProjectCache.Tag(ownerId)],
            cancellationToken: cancellationToken);
        var export = await db.ProjectExports.AsNoTracking().SingleOrDefaultAsync(e => e.OwnerId == ownerId, cancellationToken);
        return View(new ProjectListViewModel(
            projects, ExportStatus.Of(export, clock.GetUtcNow(), exportOptions.Value.LinkLifetime)));
    }

    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { } project ? View(project) : NotFound();

    public IActionResult Create() => View(new ProjectForm());

    [HttpPost]
    public async Task<IActionResult> Create(ProjectForm form, CancellationToken cancellationToken)
    {
        form.OwnerId = User.Id();
        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View(form);
        }

        var now = clock.GetUtcNow();
        var project = new Project { OwnerId = form.OwnerId, CreatedAt = now };
        form.ApplyTo(project, now);
        db.Projects.Add(project);
        return await SaveAsync(form, cancellationToken) ? RedirectToAction(nameof(Details), new { id = project.Id }) : View(form);
    }

    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { } project ? View(ProjectForm.From(project)) : NotFound();

    [HttpPost]
    public async Task<IActionResult> Edit(int id, ProjectForm form, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } project)
        {
            return NotFound();
        }

        form.OwnerId = project.OwnerId;
        form.ProjectId = project.Id;
        if (!await validator.ValidateIntoAsync(form, ModelState, cancellationToken))
        {
            return View(form);
        }

        form.ApplyTo(project, clock.GetUtcNow());
        return await SaveAsync(form, cancellationToken) ? RedirectToAction(nameof(Details), new { id }) : View(form);
    }

    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { } project ? View(project) : NotFound();

    [HttpPost]
    [ActionName(nameof(Delete))]
    public async Task<IActionResult> DeleteConfirmed(int id, CancellationToken cancellationToken)
    {
        var ownerId = User.Id();
        if (await db.Projects.OwnedBy(ownerId).Where(p => p.Id == id).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return NotFound();
        }

        await cacheInvalidator.InvalidateAsync(ProjectCache.Tag(ownerId), cancellationToken);
        return RedirectToAction(nameof(Index));
    }

    private Task<Project?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Projects.OwnedBy(User.Id()).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);

    /// <summary>
    /// Saves and drops the cached list. Two racing requests (a double-click) can both pass the
    /// validator; the unique index stops the second, which gets the same message next to the name.
    /// </summary>
    private async Task<bool> SaveAsync(ProjectForm form, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (!await db.Projects.NameTakenAsync(form.OwnerId, form.Name, form.ProjectId, cancellationToken))
            {
                throw;
            }

            ModelState.AddModelError(nameof(ProjectForm.Name), ProjectFormValidator.NameTaken);
            return false;
        }

        await cacheInvalidator.InvalidateAsync(ProjectCache.Tag(form.OwnerId), cancellationToken);
        return true;
    }
}
