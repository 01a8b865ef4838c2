using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Testing;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;

namespace Monolith.Tests.Integration;

/// <summary>The home page's cached account count follows sign-ups and deletions at once, however they happen.</summary>
public sealed class AccountsCacheTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);
    private AppFactory _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = CachingApps.Create(_database, redis: null, CachingApps.NewKeyPrefix());
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Home_page_count_follows_accounts_created_and_deleted_through_identity()
    {
        using var client = _app.CreateBrowserLikeClient();
        Assert.Contains("0 accounts so far", await client.GetStringAsync("/", Token), StringComparison.Ordinal);
        Assert.Contains("0 accounts so far", await client.GetStringAsync("/", Token), StringComparison.Ordinal); // cached

        var email = await TestUsers.CreateAsync(_app.Services);
        Assert.Contains("1 accounts so far", await client.GetStringAsync("/", Token), StringComparison.Ordinal);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var result = await users.DeleteAsync((await users.FindByEmailAsync(email))!);
            Assert.True(result.Succeeded);
        }

        Assert.Contains("0 accounts so far", await client.GetStringAsync("/", Token), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;
}
