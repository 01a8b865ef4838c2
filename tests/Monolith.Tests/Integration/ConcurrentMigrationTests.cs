using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;

namespace Monolith.Tests.Integration;

/// <summary>Several replicas starting at once against an empty database: each migration applies exactly once.</summary>
public sealed class ConcurrentMigrationTests
{
    private const int Replicas = 4;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Replicas_migrating_together_apply_each_migration_once(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        // Web role: a process that runs jobs registers recurring jobs at start-up, which needs the
        // database these replicas are about to create.
        var settings = new Dictionary<string, string?>(database.Settings)
        {
            ["Database:MigrateOnStartup"] = "false",
            ["App:Role"] = "web",
        };
        var apps = Enumerable.Range(0, Replicas).Select(_ => new AppFactory(settings)).ToList();
        try
        {
            var migrators = apps.Select(app => app.Services.GetRequiredService<DatabaseMigrator>()).ToList();

            // Every replica runs MigrateAsync at the same moment against a database that does not exist yet; none fails.
            var results = await Task.WhenAll(migrators.Select(m => Task.Run(
                () => m.MigrateAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)));

            using var scope = apps[0].Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var history = await db.Database.SqlQueryRaw<string>(
                "SELECT \"MigrationId\" AS \"Value\" FROM \"__EFMigrationsHistory\"").ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(db.Database.GetMigrations().Order(), history.Order());
            Assert.Equal(Replicas, results.Length);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }
}
