using System.CommandLine;

namespace Monolith.Web.Cli;

internal static class WebCommand
{
    public static Command Create(Func<string[], WebApplication> buildApp) => ManageCommands.AppCommand(
        "web",
        "Serve the web app (the default). Kestrel options such as --urls are accepted.",
        buildApp,
        async (app, _, _) =>
        {
            ConfigurationProblems.ThrowIfAny(app.Services);
            await app.RunAsync();
            return 0;
        });
}
