namespace Monolith.Web.Data;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default, a file in the data folder) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>Apply pending migrations when the app starts. Unset: on for SQLite and in Development.</summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>How long start-up and <c>migrate</c> wait for the database before giving up.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 15;

    /// <summary>Folder (relative to the content root) that holds the SQLite file.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    public DatabaseProvider ProviderKind => Enum.Parse<DatabaseProvider>(Provider, ignoreCase: true);
}
