using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Monolith.Web.Areas.Admin.History;
using Monolith.Web.Areas.Admin.Models;
using Monolith.Web.Caching;
using Monolith.Web.Data;

namespace Monolith.Web.Areas.Admin.Controllers;

/// <summary>The founder's first look: users, sign-ups, rows per model, jobs, cache and the latest changes.</summary>
[Route("admin")]
public sealed class DashboardController(
    AppDbContext db, ModelAdminRegistry registry, JobStorage jobs, CacheMetrics cache, TimeProvider clock) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var weekAgo = clock.GetUtcNow().AddDays(-7);
        var counts = new List<(ModelAdmin, int)>();
        foreach (var model in registry.Models)
        {
            var set = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!
                .MakeGenericMethod(model.ClrType).Invoke(db, null)!;
            counts.Add((model, await set.CountAsync(cancellationToken)));
        }

        var statistics = jobs.GetMonitoringApi().GetStatistics();
        ViewData["Title"] = "Dashboard";
        return View(new Dashboard(
            await db.Users.CountAsync(cancellationToken),
            await db.Users.CountAsync(u => u.CreatedAt >= weekAgo, cancellationToken),
            counts,
            new JobCounts(statistics.Succeeded, statistics.Failed, statistics.Enqueued, statistics.Processing, statistics.Scheduled),
            cache.Read(),
            await db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.Id).Take(10).ToListAsync(cancellationToken)));
    }
}

public sealed record Dashboard(
    int Users, int SignUpsThisWeek, IReadOnlyList<(ModelAdmin Model, int Count)> Models, JobCounts Jobs, CacheCounts Cache,
    IReadOnlyList<AuditEntry> RecentChanges);

public sealed record JobCounts(long Succeeded, long Failed, long Enqueued, long Processing, long Scheduled);
