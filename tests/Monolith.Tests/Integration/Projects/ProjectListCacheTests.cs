using Microsoft.Extensions.DependencyInjection;
using Monolith.Testing;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;
using Monolith.Web.Features.Projects;

namespace Monolith.Tests.Integration.Projects;

/// <summary>The per-user project list in HybridCache with real Redis, across two replicas of the app.</summary>
public sealed class ProjectListCacheTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_list_comes_from_the_cache_and_a_change_on_one_replica_refreshes_it_on_the_other()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        var prefix = CachingApps.NewKeyPrefix();
        await using var first = CachingApps.Create(database, TestServices.Redis, prefix);
        await using var second = CachingApps.Create(database, TestServices.Redis, prefix);
        var user = await SignedInUser.CreateAsync(first);
        using var onSecond = SignedInUser.SignedInClient(second, user.Id);
        (await user.CreateProjectAsync("Cached")).Dispose();
        Assert.Contains("Cached", await onSecond.GetStringAsync("/Projects", Token), StringComparison.Ordinal);

        // A row written behind the app's back is not shown: the page is built from the cached list.
        await AddBehindTheAppsBackAsync(second, user.Id, "Unseen");
        Assert.DoesNotContain("Unseen", await onSecond.GetStringAsync("/Projects", Token), StringComparison.Ordinal);

        // A change through the app on the first replica drops the list (tag projects:user:{id}) on both.
        var id = (await first.ProjectsOfAsync(user.Id)).Single(p => p.Name == "Cached").Id;
        (await user.SubmitAsync($"/Projects/Edit/{id}", $"/Projects/Edit/{id}", ProjectsServices.Form("Renamed", "", "Active"))).Dispose();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string list;
        while (!(list = await onSecond.GetStringAsync("/Projects", Token)).Contains("Renamed", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "The second replica kept serving the old list.");
            await Task.Delay(100, Token);
        }

        Assert.Contains("Unseen", list, StringComparison.Ordinal);
    }

    private static async Task AddBehindTheAppsBackAsync(AppFactory app, string ownerId, string name)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Projects.Add(new Project { OwnerId = ownerId, Name = name, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(Token);
    }
}
