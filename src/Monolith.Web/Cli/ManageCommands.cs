using System.CommandLine;

namespace Monolith.Web.Cli;

/// <summary>
/// The app binary as a management tool (Django's manage.py). Tokens a command does not know
/// (<c>--urls</c>, <c>--Database:Provider=Postgres</c>) are passed on to the app's configuration.
/// </summary>
public static class ManageCommands
{
    public static async Task<int> RunAsync(string[] args, Func<string[], WebApplication> buildApp)
    {
        var root = new RootCommand(
            "Without a command: serve pages and run jobs (the role App:Role names, default all). Or run a command.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Action = ServeCommands.Default(buildApp).Action;
        root.Subcommands.Add(ServeCommands.Web(buildApp));
        root.Subcommands.Add(ServeCommands.Worker(buildApp));
        root.Subcommands.Add(MigrateCommand.Create(buildApp));
        root.Subcommands.Add(CreateSuperuserCommand.Create(buildApp));
        root.Subcommands.Add(CheckCommand.Create(buildApp));
        root.Subcommands.Add(SeedCommand.Create(buildApp));

        var invocation = new InvocationConfiguration
        {
            // Exceptions the operator can fix are printed as one line below; the host handles SIGTERM itself.
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await root.Parse(args).InvokeAsync(invocation);
        }
        catch (Exception e) when (ConfigurationProblems.Describe(e) is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync($"error: {problem}");
            }

            return 1;
        }
    }

    /// <summary>A subcommand whose action receives the app built from the tokens it did not parse.</summary>
    /// <param name="configuration">Settings the command fixes, after (so over) those given on the command line.</param>
    internal static Command AppCommand(
        string name, string description, Func<string[], WebApplication> buildApp,
        Func<WebApplication, ParseResult, CancellationToken, Task<int>> run, IReadOnlyList<string>? configuration = null)
    {
        var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var app = buildApp([.. parse.UnmatchedTokens, .. configuration ?? []]);
            await using (app)
            {
                return await run(app, parse, cancellationToken);
            }
        });
        return command;
    }
}
