using Monolith.Web.Accounts;
using Monolith.Web.Cli;
using Monolith.Web.Data;
using Monolith.Web.Email;
using Monolith.Web.Observability;
using Monolith.Web.Security;
using Monolith.Web.Web;

// `web` (the default), `migrate`, `createsuperuser`, `check [--deploy]`: see `--help`. Every command builds the same app.
return await ManageCommands.RunAsync(args, BuildApp);

static WebApplication BuildApp(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddObservability();
    builder.AddDatabase();
    builder.AddSecurity();
    builder.AddEmail();
    builder.AddAccounts();
    builder.AddWebUi();

    var app = builder.Build();
    app.UseSecurity();
    app.UseRequestLogging();
    app.UseErrorPages();
    app.UseRouting();
    app.MapHealthEndpoints();
    app.MapAccounts();
    app.MapWebUi();
    return app;
}

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
