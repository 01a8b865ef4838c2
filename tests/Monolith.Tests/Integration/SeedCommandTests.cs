using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Monolith.Testing;
using Monolith.Web.Data;

namespace Monolith.Tests.Integration;

/// <summary>`seed` as an operator runs it: the real binary against a SQLite file.</summary>
public sealed class SeedCommandTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("seed-test-").FullName;

    [Fact]
    public async Task Seed_creates_an_admin_and_two_users_with_projects_then_refuses_unless_forced()
    {
        Assert.Equal(0, (await RunAsync("migrate")).ExitCode);

        var seeded = await RunAsync("seed");

        Assert.Equal(0, seeded.ExitCode);
        var passwords = PrintedPasswords(seeded.Stdout);
        Assert.Equal(["admin@example.com", "alice@example.com", "bob@example.com"], passwords.Keys.Order());
        await using (var db = OpenDatabase())
        {
            var users = await db.Users.ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(3, users.Count);
            var hasher = new PasswordHasher<AppUser>();
            Assert.All(users, user =>
            {
                Assert.True(user.EmailConfirmed);
                Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(user, user.PasswordHash!, passwords[user.Email!]));
            });
            var admins = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .Where(x => x.Name == "Admin").Select(x => x.UserId).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal([users.Single(u => u.Email == "admin@example.com").Id], admins);
            Assert.Equal(5, await db.Projects.CountAsync(TestContext.Current.CancellationToken));
        }

        var again = await RunAsync("seed");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already has users: not seeding (use --force", again.Stderr, StringComparison.Ordinal);

        var forced = await RunAsync("seed", "--force");
        Assert.Equal(0, forced.ExitCode);
        await using (var db = OpenDatabase())
        {
            Assert.Equal(3, await db.Users.CountAsync(TestContext.Current.CancellationToken));
            Assert.Equal(5, await db.Projects.CountAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task Seed_refuses_an_unmigrated_database()
    {
        var (exitCode, _, stderr) = await RunAsync("seed");

        Assert.Equal(1, exitCode);
        Assert.Contains("run `migrate` first", stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        AppProcess.RunAsync(args, new Dictionary<string, string>
        {
            ["Database__DataDirectory"] = _dataDirectory,
            ["Database__MigrateOnStartup"] = "false",
        }, CommandTimeout);

    private SqliteAppDbContext OpenDatabase() => new(new DbContextOptionsBuilder<SqliteAppDbContext>()
        .UseSqlite($"Data Source={Path.Combine(_dataDirectory, "app.db")}").Options);

    private static Dictionary<string, string> PrintedPasswords(string stdout) =>
        stdout.Split('\n')
            .Where(line => line.Contains("password: ", StringComparison.Ordinal))
            .Select(line => line.Split('\t'))
            .ToDictionary(cells => cells[0], cells => cells[2]["password: ".Length..].Trim());
}
