using Microsoft.Extensions.DependencyInjection;
using Monolith.Testing;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Caching;
using Monolith.Web.Data;

namespace Monolith.Tests.Integration;

/// <summary>With pages in Redis, each replica keeps a short-lived copy in memory; evictions still reach every replica.</summary>
public sealed class PageMemoryTierTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);
    private readonly List<AppFactory> _apps = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("01:00:00", 1)]
    [InlineData("00:00:00", 2)]
    public async Task While_redis_is_down_a_page_copied_in_memory_is_still_served_without_rendering(string pageMemoryDuration, int rendersAfterOutage)
    {
        await using var redis = await RedisServer.StartNewAsync();
        var app = Replica(redis.Configuration, CachingApps.NewKeyPrefix(), pageMemoryDuration);
        using var client = app.CreateBrowserLikeClient();
        Assert.Equal("anonymous, render 1", await client.GetStringAsync("/test-pages/whoami", Token));
        Assert.Equal("anonymous, render 1", await client.GetStringAsync("/test-pages/whoami", Token));

        await redis.StopAsync();

        using var response = await client.GetAsync("/test-pages/whoami", Token);
        Assert.Equal($"anonymous, render {rendersAfterOutage}", await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(rendersAfterOutage, app.Services.GetRequiredService<CallCounter>().Count);
    }

    [Fact]
    public async Task A_tag_evicted_through_one_replica_drops_the_other_replicas_memory_copy_within_a_second()
    {
        var prefix = CachingApps.NewKeyPrefix();
        var a = Replica(TestServices.Redis, prefix, pageMemoryDuration: "01:00:00");
        var b = Replica(TestServices.Redis, prefix, pageMemoryDuration: "01:00:00");
        using var clientA = a.CreateBrowserLikeClient();
        using var clientB = b.CreateBrowserLikeClient();
        var rendersOnB = b.Services.GetRequiredService<CallCounter>();
        Assert.Equal("anonymous, render 1", await clientA.GetStringAsync("/test-pages/whoami", Token));
        Assert.Equal("anonymous, render 1", await clientB.GetStringAsync("/test-pages/whoami", Token)); // A's page, via Redis
        Assert.Equal("anonymous, render 1", await clientB.GetStringAsync("/test-pages/whoami", Token)); // now from B's memory
        Assert.Equal(0, rendersOnB.Count);

        await a.Services.GetRequiredService<CacheInvalidator>().InvalidateAsync("whoami", Token);

        // B's copy would live an hour: B renders the page itself only because the eviction reached it.
        var elapsed = await CacheCoherenceTests.TimeUntilAsync(async () =>
        {
            await clientB.GetStringAsync("/test-pages/whoami", Token);
            return rendersOnB.Count == 1;
        });
        Assert.True(elapsed < Bound, $"B still served its copy after {elapsed.TotalMilliseconds:F0} ms");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private AppFactory Replica(string redis, string prefix, string pageMemoryDuration)
    {
        var app = CachingApps.Create(_database, redis, prefix, new Dictionary<string, string?>
        {
            ["Caching:PageDuration"] = "01:00:00",
            ["Caching:PageMemoryDuration"] = pageMemoryDuration,
        });
        _apps.Add(app);
        return app;
    }
}
