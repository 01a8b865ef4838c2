namespace Monolith.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
