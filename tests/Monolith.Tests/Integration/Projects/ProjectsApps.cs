using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;
using Monolith.Web.Features.Projects;

namespace Monolith.Tests.Integration.Projects;

/// <summary>The app with the test sign-in and a capturing email sender.</summary>
public static class ProjectsServices
{
    public static void Configure(IServiceCollection services)
    {
        TestAuthentication.Register(services);
        services.AddSingleton<CapturingEmailSender>();
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<CapturingEmailSender>());
    }

    public static Task<HttpResponseMessage> CreateProjectAsync(this SignedInUser user, string name, string description = "", string status = "Planned") =>
        user.SubmitAsync("/Projects/Create", "/Projects/Create", Form(name, description, status));

    public static Dictionary<string, string> Form(string name, string description, string status) =>
        new() { ["Name"] = name, ["Description"] = description, ["Status"] = status };

    public static async Task<List<Project>> ProjectsOfAsync(this AppFactory app, string ownerId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Projects.AsNoTracking().Where(p => p.OwnerId == ownerId).ToListAsync();
    }
}

public sealed class SqliteProjectsApp() : AppFixture(DatabaseProvider.Sqlite)
{
    protected override void ConfigureServices(IServiceCollection services) => ProjectsServices.Configure(services);
}

public sealed class PostgresProjectsApp() : AppFixture(DatabaseProvider.Postgres)
{
    protected override void ConfigureServices(IServiceCollection services) => ProjectsServices.Configure(services);
}
