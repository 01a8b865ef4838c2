using System.CommandLine;
using Microsoft.Extensions.Options;
using Monolith.Web.Data;

namespace Monolith.Web.Cli;

internal static class MigrateCommand
{
    public static Command Create(Func<string[], WebApplication> buildApp) => ManageCommands.AppCommand(
        "migrate",
        "Apply pending database migrations and list them. Safe to run from several places at once.",
        buildApp,
        async (app, _, cancellationToken) =>
        {
            var migrator = await ReadyMigratorAsync(app.Services, cancellationToken);

            IReadOnlyList<string> applied;
            try
            {
                applied = await migrator.MigrateAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw migrator.MigrationFailed(e);
            }

            foreach (var migration in applied)
            {
                Console.WriteLine($"Applied {migration}");
            }

            Console.WriteLine(applied.Count == 0
                ? $"{migrator.Target}: no migrations to apply."
                : $"{migrator.Target}: applied {applied.Count} migration(s).");
            return 0;
        });

    /// <summary>Checks the configuration, then waits up to <c>Database:ConnectTimeoutSeconds</c> for the database to answer.</summary>
    public static async Task<DatabaseMigrator> ReadyMigratorAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ConfigurationProblems.ThrowIfAny(services);
        var migrator = services.GetRequiredService<DatabaseMigrator>();
        var timeout = TimeSpan.FromSeconds(services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectTimeoutSeconds);
        await migrator.WaitForServerAsync(timeout, cancellationToken);
        return migrator;
    }
}
