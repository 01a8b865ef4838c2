using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Monolith.Web.Areas.Admin.History;
using Monolith.Web.Areas.Admin.Models;
using Monolith.Web.Data;

namespace Monolith.Web.Areas.Admin.Controllers;

/// <summary>List, create, edit, delete and bulk actions for every registered model.</summary>
[Route("admin/data/{model}")]
public sealed class DataController(AppDbContext db, ModelAdminRegistry registry, IOptions<AdminOptions> options) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> List(string model, CancellationToken cancellationToken)
    {
        if (Pages(model) is not { } pages)
        {
            return NotFound();
        }

        var request = ListRequest.From(Request.Query, options.Value.PageSize);
        if (request.Size > options.Value.MaxPageSize)
        {
            return BadRequest($"size must be at most {options.Value.MaxPageSize}.");
        }

        try
        {
            return View(await pages.ListAsync(request, cancellationToken));
        }
        catch (BadListRequestException e)
        {
            return BadRequest(e.Message);
        }
    }

    [HttpGet("create")]
    public async Task<IActionResult> Create(string model, CancellationToken cancellationToken) =>
        Pages(model) is { Admin.Editable: true } pages
            ? await FormViewAsync(pages, pages.CreateEntity(), creating: true, posted: null, errors: [], cancellationToken)
            : NotFound();

    [HttpPost("create")]
    public async Task<IActionResult> CreatePost(string model, CancellationToken cancellationToken)
    {
        if (Pages(model) is not { Admin.Editable: true } pages)
        {
            return NotFound();
        }

        var entity = pages.CreateEntity();
        var posted = Posted();
        var errors = await pages.ApplyAsync(entity, creating: true, posted, cancellationToken);
        if (errors.Count > 0)
        {
            return await FormViewAsync(pages, entity, creating: true, posted, errors, cancellationToken);
        }

        db.Add(entity);
        return await SaveAsync(pages, entity, creating: true, posted, "created", cancellationToken);
    }

    [HttpGet("edit/{id}")]
    public async Task<IActionResult> Edit(string model, string id, CancellationToken cancellationToken) =>
        Pages(model) is { } pages && await pages.FindAsync(id, cancellationToken) is { } entity
            ? await FormViewAsync(pages, entity, creating: false, posted: null, errors: [], cancellationToken)
            : NotFound();

    [HttpPost("edit/{id}")]
    public async Task<IActionResult> EditPost(string model, string id, CancellationToken cancellationToken)
    {
        if (Pages(model) is not { Admin.Editable: true } pages || await pages.FindAsync(id, cancellationToken) is not { } entity)
        {
            return NotFound();
        }

        var posted = Posted();
        var errors = await pages.ApplyAsync(entity, creating: false, posted, cancellationToken);
        return errors.Count > 0
            ? await FormViewAsync(pages, entity, creating: false, posted, errors, cancellationToken)
            : await SaveAsync(pages, entity, creating: false, posted, "saved", cancellationToken);
    }

    [HttpGet("delete/{id}")]
    public async Task<IActionResult> Delete(string model, string id, CancellationToken cancellationToken) =>
        Pages(model) is { Admin.Editable: true } pages && await pages.FindAsync(id, cancellationToken) is { } entity
            ? await ConfirmDeleteAsync(pages, [entity], cancellationToken)
            : NotFound();

    [HttpPost("delete/{id}")]
    public async Task<IActionResult> DeletePost(string model, string id, CancellationToken cancellationToken)
    {
        if (Pages(model) is not { Admin.Editable: true } pages || await pages.FindAsync(id, cancellationToken) is not { } entity)
        {
            return NotFound();
        }

        db.Remove(entity);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = $"{pages.Admin.DisplayName}: {id} deleted.";
        return RedirectToAction(nameof(List), new { model });
    }

    /// <summary>
    /// The bulk action named by the form field <c>run</c> on the rows in <c>ids</c>; "delete" first shows what
    /// would go, then needs <c>confirmed</c>. (<c>action</c> would clash with MVC's route value of that name.)
    /// </summary>
    [HttpPost("action")]
    public async Task<IActionResult> Action(string model, string run, string[] ids, bool confirmed, CancellationToken cancellationToken)
    {
        if (Pages(model) is not { } pages)
        {
            return NotFound();
        }

        var custom = pages.Admin.Actions.FirstOrDefault(a => a.Name == run);
        var isDelete = run == AdminAction.Delete && pages.Admin.Editable;
        if (custom is null && !isDelete || ids.Length == 0 || ids.Length > options.Value.MaxPageSize)
        {
            return BadRequest("Choose an action and between one row and a page of rows.");
        }

        var entities = await pages.FindManyAsync(ids.Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        if (entities is null || entities.Count == 0)
        {
            return NotFound();
        }

        if (isDelete && !confirmed)
        {
            return await ConfirmDeleteAsync(pages, entities, cancellationToken);
        }

        string message;
        if (isDelete)
        {
            db.RemoveRange(entities);
            message = $"{entities.Count} {pages.Admin.DisplayName} deleted.";
        }
        else
        {
            message = await custom!.Run(new AdminActionContext(db, HttpContext.RequestServices), entities);
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = message;
        return RedirectToAction(nameof(List), new { model });
    }

    [HttpGet("history/{id}")]
    public async Task<IActionResult> History(string model, string id, CancellationToken cancellationToken)
    {
        if (Pages(model) is not { } pages || await pages.FindAsync(id, cancellationToken) is null
            && !await db.Set<AuditEntry>().AnyAsync(e => e.EntityType == pages.Admin.ClrType.Name && e.EntityKey == id, cancellationToken))
        {
            return NotFound();
        }

        var entries = await db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.EntityType == pages.Admin.ClrType.Name && e.EntityKey == id)
            .OrderByDescending(e => e.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
        ViewData["Title"] = $"{pages.Admin.DisplayName}: {id}";
        return View(new ObjectHistory(pages.Admin, id, entries));
    }

    private IModelPages? Pages(string model) =>
        registry.Find(model) is { } admin
            ? (IModelPages)ActivatorUtilities.CreateInstance(
                HttpContext.RequestServices, typeof(ModelPages<>).MakeGenericType(admin.ClrType), admin)
            : null;

    private Dictionary<string, string> Posted() =>
        Request.Form.Where(p => p.Key != "__RequestVerificationToken")
            .ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    private async Task<IActionResult> SaveAsync(
        IModelPages pages, object entity, bool creating, Dictionary<string, string> posted, string done, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return await FormViewAsync(pages, entity, creating, posted,
                new() { [""] = "The database refused the change (a duplicate or a missing related row). Nothing was saved." }, cancellationToken);
        }

        TempData["Message"] = $"{pages.Admin.DisplayName}: {pages.KeyOf(entity)} {done}.";
        return RedirectToAction(nameof(List), new { model = pages.Admin.Slug });
    }

    private async Task<IActionResult> FormViewAsync(
        IModelPages pages, object entity, bool creating, Dictionary<string, string>? posted,
        Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        var fields = await pages.FormAsync(entity, creating, posted, cancellationToken);
        return View("Form", new EntityForm(pages.Admin, creating ? null : pages.KeyOf(entity), fields, errors));
    }

    private async Task<IActionResult> ConfirmDeleteAsync(IModelPages pages, IReadOnlyList<object> entities, CancellationToken cancellationToken) =>
        View("ConfirmDelete", new DeleteConfirmation(
            pages.Admin, [.. entities.Select(pages.KeyOf)], await pages.CascadeAsync(entities, cancellationToken)));
}

public sealed record EntityForm(ModelAdmin Admin, string? Key, IReadOnlyList<FormField> Fields, IReadOnlyDictionary<string, string> Errors);

public sealed record DeleteConfirmation(ModelAdmin Admin, IReadOnlyList<string> Keys, IReadOnlyList<CascadeGroup> Cascade);

public sealed record ObjectHistory(ModelAdmin Admin, string Key, IReadOnlyList<AuditEntry> Entries);
