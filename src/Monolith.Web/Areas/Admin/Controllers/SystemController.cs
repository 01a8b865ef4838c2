using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Monolith.Web.Data;

namespace Monolith.Web.Areas.Admin.Controllers;

/// <summary>Which build runs where, on which database, with which migrations, and whether its checks pass.</summary>
[Route("admin/system")]
public sealed class SystemController(
    AppDbContext db, IOptions<DatabaseOptions> database, IHostEnvironment environment, HealthCheckService health) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        ViewData["Title"] = "System";
        return View(new SystemStatus(
            AppInfo.Version,
            AppInfo.BuildConfiguration,
            environment.EnvironmentName,
            database.Value.ProviderKind.ToString(),
            [.. await db.Database.GetAppliedMigrationsAsync(cancellationToken)],
            [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)],
            report));
    }
}

public sealed record SystemStatus(
    string Version, string Build, string Environment, string DatabaseProvider,
    IReadOnlyList<string> AppliedMigrations, IReadOnlyList<string> PendingMigrations, HealthReport Health);
