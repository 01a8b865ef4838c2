using Microsoft.Extensions.DependencyInjection;
using Monolith.Testing;
using Monolith.Web.Data;

namespace Monolith.Tests.Infrastructure;

/// <summary>A running in-memory app on a fresh database and its own email outbox, shared by the tests of one class.</summary>
public abstract class AppFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase? _database;

    public AppFactory App { get; private set; } = null!;

    public TestDatabase Database => _database!;

    public Outbox Outbox { get; } = new(Directory.CreateTempSubdirectory("app-outbox-").FullName);

    public ValueTask InitializeAsync()
    {
        _database = TestDatabase.Create(provider);
        var settings = new Dictionary<string, string?>(Settings(_database))
        {
            ["Email:OutboxDirectory"] = Outbox.Directory,
            // The tests of a class all come from one client address; RateLimitTests covers the limit.
            ["Accounts:AbuseLimitPerMinute"] = "10000",
        };
        App = new AppFactory(settings, configureServices: ConfigureServices);
        _ = App.Server; // starts the host: waits for the database and migrates it
        return ValueTask.CompletedTask;
    }

    protected virtual IReadOnlyDictionary<string, string?> Settings(TestDatabase database) => database.Settings;

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(Outbox.Directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp() : AppFixture(DatabaseProvider.Sqlite);

public sealed class PostgresApp() : AppFixture(DatabaseProvider.Postgres);
