using Monolith.Web.Cli;
using Monolith.Web.Data;
using Monolith.Web.Observability;
using Monolith.Web.Web;

// `web` (the default), `migrate`, `check`: see `--help`. Every command builds the same app.
return await ManageCommands.RunAsync(args, BuildApp);

static WebApplication BuildApp(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddObservability();
    builder.AddDatabase();
    builder.AddWebUi();

    var app = builder.Build();
    app.UseObservability();
    app.UseErrorPages();
    app.UseRouting();
    app.MapManagementEndpoints();
    app.MapWebUi();
    return app;
}

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
