using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Monolith.Web.Data;

namespace Monolith.Tests.Unit;

/// <summary>
/// Django's `makemigrations --check`: fails when the model changed and no migration covers it.
/// Fix with scripts/add-migration.sh NAME, which adds the migration for both providers.
/// </summary>
public sealed partial class MigrationsTests
{
    [Fact]
    public void Sqlite_migrations_cover_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed: run scripts/add-migration.sh NAME.");
    }

    [Fact]
    public void Postgres_migrations_cover_the_model()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed: run scripts/add-migration.sh NAME.");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations_in_the_same_order()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.Equal(Names(sqlite), Names(postgres));
        Assert.NotEmpty(Names(sqlite));
    }

    private static List<string> Names(DbContext db) =>
        [.. db.Database.GetMigrations().Select(id => TimestampPrefix().Replace(id, ""))];

    [GeneratedRegex("^[0-9]{14}_")]
    private static partial Regex TimestampPrefix();
}
