using System.CommandLine;

namespace Monolith.Web.Cli;

/// <summary>
/// Commands that run the app until SIGTERM. Without a command the role comes from <c>App:Role</c>
/// (default <c>all</c>: pages and jobs in one process); <c>web</c> and <c>worker</c> pin it.
/// </summary>
internal static class ServeCommands
{
    public static Command Web(Func<string[], WebApplication> buildApp) => Create(
        AppRole.Web, "Serve pages and enqueue jobs, run no jobs (web pods). Kestrel options such as --urls are accepted.", buildApp);

    public static Command Worker(Func<string[], WebApplication> buildApp) => Create(
        AppRole.Worker, "Run background jobs; serve only health and metrics (worker pods).", buildApp);

    /// <summary>What runs without a command: the role <c>App:Role</c> names.</summary>
    public static Command Default(Func<string[], WebApplication> buildApp) =>
        ManageCommands.AppCommand("serve", "Serve with the role App:Role names (default all).", buildApp, RunAsync);

    private static Command Create(AppRole role, string description, Func<string[], WebApplication> buildApp) =>
        ManageCommands.AppCommand(
            role.ToString().ToLowerInvariant(), description, buildApp, RunAsync, [$"--{AppRoles.Key}={role}"]);

    private static async Task<int> RunAsync(WebApplication app, ParseResult parse, CancellationToken cancellationToken)
    {
        ConfigurationProblems.ThrowIfAny(app.Services);
        await app.RunAsync();
        return 0;
    }
}
