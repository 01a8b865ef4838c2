using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Monolith.Web.Caching;
using Monolith.Web.Data;

namespace Monolith.Web.Features.Home;

public sealed class HomeController(HybridCache cache, AppDbContext db) : Controller
{
    [OutputCache(PolicyName = CachePolicies.AnonymousPage, Tags = [CacheTags.Accounts])]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var accounts = await cache.GetOrCreateAsync(
            "home:account-count",
            db,
            static async (db, token) => await db.Users.CountAsync(token),
            tags: [CacheTags.Accounts],
            cancellationToken: cancellationToken);
        return View(new HomeViewModel(accounts));
    }

    [HttpGet("pricing")]
    [OutputCache(PolicyName = CachePolicies.AnonymousPage)]
    public IActionResult Pricing() => View();
}
