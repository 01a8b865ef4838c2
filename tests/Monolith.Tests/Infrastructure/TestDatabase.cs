using Monolith.Testing;
using Monolith.Web.Data;

namespace Monolith.Tests.Infrastructure;

/// <summary>One fresh database of a provider, with the settings that point the app at it.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract DatabaseProvider Provider { get; }

    public abstract IReadOnlyDictionary<string, string?> Settings { get; }

    public static TestDatabase Create(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => new PostgresTestDatabase(),
        _ => new SqliteTestDatabase(),
    };

    public abstract ValueTask DisposeAsync();

    private sealed class SqliteTestDatabase : TestDatabase
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("monolith-sqlite-").FullName;

        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = _folder,
        };

        public override ValueTask DisposeAsync()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgresTestDatabase : TestDatabase
    {
        private readonly PostgresDatabase _database = PostgresDatabase.NewName();
        private readonly string _folder = Directory.CreateTempSubdirectory("app-data-").FullName;

        public override DatabaseProvider Provider => DatabaseProvider.Postgres;

        public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:MigrateOnStartup"] = "true",
            ["ConnectionStrings:Postgres"] = _database.ConnectionString,
            ["Database:DataDirectory"] = _folder, // files the app writes (exports)
        };

        public override async ValueTask DisposeAsync()
        {
            await _database.DisposeAsync();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
