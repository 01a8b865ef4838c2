using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Monolith.Web.Areas.Admin.History;
using Monolith.Web.Data;

namespace Monolith.Web.Areas.Admin.Controllers;

/// <summary>Every recorded change, newest first, filtered by type, key, user, action and date.</summary>
[Route("admin/audit")]
public sealed class AuditController(AppDbContext db) : AdminController
{
    private const int PageSize = 100;

    [HttpGet("")]
    public async Task<IActionResult> Index(
        string? type, string? key, string? user, AuditAction? kind, DateTime? from, DateTime? to, long? before, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest("Unknown kind of change or malformed date.");
        }

        var entries = db.Set<AuditEntry>().AsNoTracking();
        entries = type is { Length: > 0 } ? entries.Where(e => e.EntityType == type) : entries;
        entries = key is { Length: > 0 } ? entries.Where(e => e.EntityKey == key) : entries;
        entries = user is { Length: > 0 } ? entries.Where(e => e.UserName == user) : entries;
        entries = kind is { } a ? entries.Where(e => e.Action == a) : entries;
        entries = from is { } f ? entries.Where(e => e.At >= DateTime.SpecifyKind(f, DateTimeKind.Utc)) : entries;
        entries = to is { } t ? entries.Where(e => e.At < DateTime.SpecifyKind(t, DateTimeKind.Utc).AddDays(1)) : entries;
        // Keyset paging: "older" continues below the last id shown, as fast on page 1,000 as on page 1.
        entries = before is { } id ? entries.Where(e => e.Id < id) : entries;
        var page = await entries.OrderByDescending(e => e.Id).Take(PageSize).ToListAsync(cancellationToken);
        ViewData["Title"] = "History";
        return View(new AuditPage(page, page.Count == PageSize ? page[^1].Id : null,
            await db.Set<AuditEntry>().Select(e => e.EntityType).Distinct().OrderBy(n => n).ToListAsync(cancellationToken)));
    }
}

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? Older, IReadOnlyList<string> EntityTypes);
