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
        App = new AppFactory(new Dictionary<string, string?>(_database.Settings)
        {
            ["Email:OutboxDirectory"] = Outbox.Directory,
            // The tests of a class all come from one client address; RateLimitTests covers the limit.
            ["Accounts:AbuseLimitPerMinute"] = "10000",
        });
        _ = App.Server; // starts the host: waits for the database and migrates it
        return ValueTask.CompletedTask;
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
