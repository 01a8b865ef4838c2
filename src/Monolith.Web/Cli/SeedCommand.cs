using System.CommandLine;

namespace Monolith.Web.Cli;

/// <summary>Fills an empty database with demo accounts and projects; refuses when it has users unless <c>--force</c>.</summary>
internal static class SeedCommand
{
    public static Command Create(Func<string[], WebApplication> buildApp)
    {
        var force = new Option<bool>("--force")
        {
            Description = "Seed even when the database has users: the demo accounts are deleted and created again.",
        };
        var command = ManageCommands.AppCommand(
            "seed",
            "Create demo data in an empty database: an admin, two users (emails confirmed) and sample projects; print their passwords.",
            buildApp,
            async (app, parse, cancellationToken) =>
            {
                var migrator = await MigrateCommand.ReadyMigratorAsync(app.Services, cancellationToken);
                if ((await migrator.PendingMigrationsAsync(cancellationToken)).Count > 0)
                {
                    throw new StartupException($"Database {migrator.Target} has migrations not applied: run `migrate` first.");
                }

                await using var scope = app.Services.CreateAsyncScope();
                var demo = ActivatorUtilities.CreateInstance<DemoData>(scope.ServiceProvider);
                if (await demo.DatabaseHasUsersAsync(cancellationToken))
                {
                    if (!parse.GetValue(force))
                    {
                        throw new StartupException($"Database {migrator.Target} already has users: not seeding (use --force to replace the demo accounts).");
                    }

                    await demo.RemoveAsync(cancellationToken);
                }

                foreach (var (email, password, admin) in await demo.CreateAsync(cancellationToken))
                {
                    Console.WriteLine($"{email}\t{(admin ? "admin" : "user")}\tpassword: {password}");
                }

                Console.WriteLine("Seeded demo accounts and projects. The passwords are shown only now.");
                return 0;
            });
        command.Options.Add(force);
        return command;
    }
}
