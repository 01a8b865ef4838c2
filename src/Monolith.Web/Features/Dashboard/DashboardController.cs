using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Monolith.Web.Data;
using Monolith.Web.Features.Projects;
using Monolith.Web.Web;

namespace Monolith.Web.Features.Dashboard;

/// <summary>Where a signed-in user starts.</summary>
[Authorize]
public sealed class DashboardController(AppDbContext db) : Controller
{
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new DashboardViewModel(await db.Projects.OwnedBy(User.Id()).CountAsync(cancellationToken)));
}

public sealed record DashboardViewModel(int ProjectCount);
