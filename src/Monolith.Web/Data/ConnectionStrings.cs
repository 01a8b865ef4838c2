using Microsoft.Data.Sqlite;
using Npgsql;

namespace Monolith.Web.Data;

/// <summary>Connection string names under <c>ConnectionStrings</c>, and how each provider's is resolved.</summary>
internal static class ConnectionStrings
{
    public const string Postgres = "Postgres";
    public const string Sqlite = "Sqlite";

    public static string ForPostgres(IConfiguration configuration) =>
        configuration.GetConnectionString(Postgres)
        ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set.");

    /// <summary>
    /// <c>ConnectionStrings:Sqlite</c> when set, otherwise <c>app.db</c> in the data folder,
    /// which is created so that the first run needs no setup.
    /// </summary>
    public static string ForSqlite(IConfiguration configuration, DatabaseOptions options, string contentRoot)
    {
        var configured = configuration.GetConnectionString(Sqlite);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var folder = Path.GetFullPath(options.DataDirectory, contentRoot);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Typically a container's read-only root with Database:Provider left at its Sqlite default.
            throw new StartupException(
                $"Database:DataDirectory '{folder}' cannot be created ({e.Message}): point it at a writable volume, or set Database:Provider to Postgres.", e);
        }
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "app.db") }.ToString();
    }

    /// <summary>Where the database lives, for messages: host and port, or the SQLite file. Never the password.</summary>
    public static string Describe(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Postgres => DescribePostgres(connectionString),
        _ => new SqliteConnectionStringBuilder(connectionString).DataSource,
    };

    private static string DescribePostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
