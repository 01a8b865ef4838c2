using Microsoft.Extensions.Options;

namespace Monolith.Web.Data;

/// <summary>
/// Before the app serves: waits for the database and, when <c>Database:MigrateOnStartup</c> says so,
/// migrates it. Unset, that is on for SQLite and in Development, off for PostgreSQL elsewhere
/// (there the <c>migrate</c> command runs once per release).
/// </summary>
internal sealed class DatabaseStartup(
    DatabaseMigrator migrator,
    IOptions<DatabaseOptions> options,
    IHostEnvironment environment,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await migrator.WaitForServerAsync(TimeSpan.FromSeconds(settings.ConnectTimeoutSeconds), cancellationToken);
        if (!ShouldMigrate(settings, environment))
        {
            return;
        }

        IReadOnlyList<string> applied;
        try
        {
            applied = await migrator.MigrateAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not StartupException)
        {
            throw migrator.MigrationFailed(e);
        }

        if (applied.Count > 0)
        {
            logger.LogInformation("Applied {Count} migrations: {Migrations}", applied.Count, applied);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static bool ShouldMigrate(DatabaseOptions settings, IHostEnvironment environment) =>
        settings.MigrateOnStartup
        ?? (settings.ProviderKind == DatabaseProvider.Sqlite || environment.IsDevelopment());
}
