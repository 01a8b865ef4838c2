using System.CommandLine;
using Microsoft.Extensions.Options;
using Monolith.Web.Accounts;
using Monolith.Web.Data;

namespace Monolith.Web.Cli;

/// <summary>Django's createsuperuser: a confirmed account in the Admin role, or an existing one promoted.</summary>
internal static class CreateSuperuserCommand
{
    public const string PasswordVariable = "SUPERUSER_PASSWORD";

    public static Command Create(Func<string[], WebApplication> buildApp)
    {
        var email = new Option<string>("--email") { Description = "The account's email address (also its user name).", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = $"Read the password from the first line of standard input. Otherwise it is read from {PasswordVariable} or asked twice on the terminal.",
        };
        var command = ManageCommands.AppCommand(
            "createsuperuser",
            "Create a confirmed account in the Admin role, or promote an existing account to it.",
            buildApp,
            async (app, parse, cancellationToken) =>
            {
                ConfigurationProblems.ThrowIfAny(app.Services);
                var address = parse.GetValue(email)!.Trim();
                if (EmailAddressRules.Problem(address) is { } problem)
                {
                    throw new StartupException($"--email: {problem}");
                }

                await EnsureMigratedAsync(app.Services, cancellationToken);
                await using var scope = app.Services.CreateAsyncScope();
                var creator = scope.ServiceProvider.GetRequiredService<SuperuserCreator>();
                if (await creator.ExistsAsync(address))
                {
                    await creator.PromoteAsync(address);
                    Console.WriteLine($"{address} already had an account: it is now in the {Roles.Admin} role (password unchanged).");
                    return 0;
                }

                await creator.CreateAsync(address, ReadPassword(parse.GetValue(passwordStdin)));
                Console.WriteLine($"Created {address} in the {Roles.Admin} role.");
                return 0;
            });
        command.Options.Add(email);
        command.Options.Add(passwordStdin);
        return command;
    }

    private static async Task EnsureMigratedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var migrator = services.GetRequiredService<DatabaseMigrator>();
        var timeout = TimeSpan.FromSeconds(services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectTimeoutSeconds);
        await migrator.WaitForServerAsync(timeout, cancellationToken);
        if ((await migrator.PendingMigrationsAsync(cancellationToken)).Count > 0)
        {
            throw new StartupException($"Database {migrator.Target} has migrations not applied: run `migrate` first.");
        }
    }

    private static string ReadPassword(bool fromStdin)
    {
        if (fromStdin)
        {
            return Console.In.ReadLine() ?? throw new StartupException("--password-stdin: standard input was empty.");
        }

        if (Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (Console.IsInputRedirected)
        {
            throw new StartupException($"No password: use --password-stdin or set {PasswordVariable} when there is no terminal.");
        }

        var password = PasswordPrompt.Read("Password: ");
        return password == PasswordPrompt.Read("Password (again): ")
            ? password
            : throw new StartupException("The two passwords differ.");
    }
}
