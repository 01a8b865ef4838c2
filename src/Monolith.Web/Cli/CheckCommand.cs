using System.CommandLine;
using Microsoft.Extensions.Options;
using Monolith.Web.Data;

namespace Monolith.Web.Cli;

/// <summary>Validates configuration and connectivity, printing every problem, like Django's `check`.</summary>
internal static class CheckCommand
{
    public static Command Create(Func<string[], WebApplication> buildApp)
    {
        var deploy = new Option<bool>("--deploy")
        {
            Description = "Also report settings that are unsafe in production (Django's check --deploy).",
        };
        var command = ManageCommands.AppCommand(
            "check",
            "Validate configuration and connectivity; print each problem and exit non-zero if there is any.",
            buildApp,
            async (app, parse, cancellationToken) =>
            {
                Console.WriteLine($"ok: version {AppInfo.Version} ({AppInfo.BuildConfiguration} build)");
                var problems = ConfigurationProblems.Find(app.Services).ToList();
                if (problems.Count == 0)
                {
                    Console.WriteLine("ok: configuration is valid");
                    problems.AddRange(await CheckDatabaseAsync(app.Services, cancellationToken));
                    if (parse.GetValue(deploy))
                    {
                        problems.AddRange(DeployChecks.Find(app.Services).Select(warning => $"deploy: {warning}"));
                        foreach (var note in DeployChecks.Notes(app.Services))
                        {
                            Console.WriteLine($"note: {note}");
                        }
                    }
                }

                foreach (var problem in problems)
                {
                    Console.WriteLine($"problem: {problem}");
                }

                Console.WriteLine(problems.Count == 0 ? "No problems found." : $"{problems.Count} problem(s) found.");
                return problems.Count == 0 ? 0 : 1;
            });
        command.Options.Add(deploy);
        return command;
    }

    private static async Task<IReadOnlyList<string>> CheckDatabaseAsync(
        IServiceProvider services, CancellationToken cancellationToken)
    {
        var migrator = services.GetRequiredService<DatabaseMigrator>();
        try
        {
            var timeout = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectTimeoutSeconds;
            await migrator.WaitForServerAsync(TimeSpan.FromSeconds(timeout), cancellationToken);
            Console.WriteLine($"ok: database {migrator.Target} answers");
            var pending = await migrator.PendingMigrationsAsync(cancellationToken);
            if (pending.Count > 0)
            {
                return [$"{pending.Count} migration(s) not applied to {migrator.Target} (run `migrate`): {string.Join(", ", pending)}"];
            }

            Console.WriteLine("ok: database schema is up to date");
            return [];
        }
        catch (StartupException e)
        {
            return [e.Message];
        }
    }
}
