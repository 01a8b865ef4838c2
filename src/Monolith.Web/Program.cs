using Monolith.Web.Areas.Admin;
using Monolith.Web.Cli;
using Monolith.Web.Data;
using Monolith.Web.Jobs;
using Monolith.Web.Observability;
using Monolith.Web.Web;

// `web` (the default), `migrate`, `check`: see `--help`. Every command builds the same app.
return await ManageCommands.RunAsync(args, BuildApp);

static WebApplication BuildApp(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddObservability();
    builder.AddDatabase();
    builder.AddJobs();
    builder.AddWebUi();
    builder.AddAdmin();

    var app = builder.Build();
    app.UseRequestLogging();
    app.UseErrorPages();
    app.UseRouting();
    app.UseAuthentication();
    app.UseAuthorization();
    app.MapHealthEndpoints();
    app.MapJobsDashboard();
    app.MapWebUi();
    app.MapAdmin();
    return app;
}

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
