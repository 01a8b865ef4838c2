using Monolith.Web.Accounts;
using Monolith.Web.Areas.Admin;
using Monolith.Web.Caching;
using Monolith.Web.Cli;
using Monolith.Web.Data;
using Monolith.Web.Email;
using Monolith.Web.Features.Projects;
using Monolith.Web.Jobs;
using Monolith.Web.Observability;
using Monolith.Web.Security;
using Monolith.Web.Web;

// Serve (pages and jobs by default), `web`, `worker`, `migrate`, `createsuperuser`, `check [--deploy]`: see `--help`.
// Every command builds the same app.
return await ManageCommands.RunAsync(args, BuildApp);

static WebApplication BuildApp(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddObservability();
    builder.AddDatabase();
    builder.AddSecurity();
    builder.AddJobs();
    builder.AddEmail();
    builder.AddAccounts();
    builder.AddCaching();
    builder.AddWebUi();
    builder.AddAdmin();
    builder.AddProjects();

    var app = builder.Build();
    app.UseSecurity();
    app.UseObservability();
    app.UseCachedPageShortcut(); // anonymous hits of cached pages, answered before all that follows
    app.UseErrorPages();
    app.UseRouting();
    app.MapAccounts(); // rate limits, authentication, authorization, Identity pages
    app.UseCaching(); // after authentication: signed-in users must never get a cached page
    app.MapManagementEndpoints();
    app.MapJobsDashboard();
    app.MapWebUi();
    app.MapAdmin();
    return app;
}

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
