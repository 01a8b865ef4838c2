using Microsoft.Extensions.DependencyInjection;
using Monolith.Web.Data;

namespace Monolith.Tests.Infrastructure;

/// <summary>A running in-memory app on a fresh database, shared by the tests of one class.</summary>
public abstract class AppFixture(DatabaseProvider provider, Action<IServiceCollection>? configureServices = null) : IAsyncLifetime
{
    private TestDatabase? _database;

    public AppFactory App { get; private set; } = null!;

    public TestDatabase Database => _database!;

    public ValueTask InitializeAsync()
    {
        _database = TestDatabase.Create(provider);
        App = new AppFactory(_database.Settings, configureServices: configureServices);
        _ = App.Server; // starts the host: waits for the database and migrates it
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp() : AppFixture(DatabaseProvider.Sqlite);

public sealed class PostgresApp() : AppFixture(DatabaseProvider.Postgres);
