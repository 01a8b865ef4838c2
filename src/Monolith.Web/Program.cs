using Monolith.Web.Caching;
using Monolith.Web.Cli;
using Monolith.Web.Data;
using Monolith.Web.Features.Projects;
using Monolith.Web.Jobs;
using Monolith.Web.Observability;
using Monolith.Web.Web;

// Serve (pages and jobs by default), `web`, `worker`, `migrate`, `check`: see `--help`. Every command builds the same app.
return await ManageCommands.RunAsync(args, BuildApp);

static WebApplication BuildApp(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddObservability();
    builder.AddDatabase();
    builder.AddJobs();
    builder.AddCaching();
    builder.AddWebUi();
    builder.AddProjects();

    var app = builder.Build();
    app.UseRequestLogging();
    app.UseErrorPages();
    app.UseRouting();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseCaching(); // after authentication: signed-in users must never get a cached page
    app.MapHealthEndpoints();
    app.MapJobsDashboard();
    app.MapWebUi();
    return app;
}

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
