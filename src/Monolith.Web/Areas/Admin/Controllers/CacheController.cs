using Microsoft.AspNetCore.Mvc;
using Monolith.Web.Caching;

namespace Monolith.Web.Areas.Admin.Controllers;

/// <summary>Flush by tag: drops the cached values and pages with that tag, on every replica.</summary>
[Route("admin/cache")]
public sealed class CacheController(CacheInvalidator invalidator) : AdminController
{
    public const int MaxTagLength = 200;

    [HttpPost("flush")]
    public async Task<IActionResult> Flush(string? tag, CancellationToken cancellationToken)
    {
        tag = tag?.Trim();
        if (string.IsNullOrEmpty(tag) || tag.Length > MaxTagLength || tag.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return BadRequest($"Enter a tag: one word of at most {MaxTagLength} characters, such as {CacheTags.Accounts}.");
        }

        await invalidator.InvalidateAsync(tag, cancellationToken);
        TempData["Message"] = $"Cached values and pages tagged {tag} were flushed.";
        return RedirectToAction(nameof(DashboardController.Index), "Dashboard");
    }
}
