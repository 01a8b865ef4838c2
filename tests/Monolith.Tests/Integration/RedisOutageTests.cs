using System.Net;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;
using StackExchange.Redis;

namespace Monolith.Tests.Integration;

/// <summary>Redis dies under two replicas and comes back: nobody notices but the readiness probe, and caching recovers by itself.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private static readonly HybridCacheEntryOptions LongLived = new() { Expiration = TimeSpan.FromHours(1), LocalCacheExpiration = TimeSpan.FromHours(1) };

    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);
    private readonly string _prefix = CachingApps.NewKeyPrefix();
    private RedisServer _redis = null!;
    private AppFactory _a = null!;
    private AppFactory _b = null!;

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServer.StartNewAsync();
        _a = CachingApps.Create(_database, _redis.Configuration, _prefix);
        _b = CachingApps.Create(_database, _redis.Configuration, _prefix);
    }

    [Fact]
    public async Task Requests_keep_succeeding_while_redis_is_down_and_caching_recovers_when_it_returns()
    {
        using var client = _a.CreateBrowserLikeClient();
        var a = _a.Services.GetRequiredService<HybridCache>();
        var b = _b.Services.GetRequiredService<HybridCache>();
        Assert.Contains("0 accounts so far", await client.GetStringAsync("/", Token), StringComparison.Ordinal);
        await a.SetAsync("greeting", "hello", LongLived, cancellationToken: Token);
        Assert.Equal("hello", await ReadAsync(b, "greeting"));
        Assert.Equal("Healthy", await client.GetStringAsync("/readyz", Token));

        await _redis.StopAsync();

        for (var i = 0; i < 20; i++)
        {
            using var page = await client.GetAsync("/", Token);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("0 accounts so far", await page.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
            Assert.Equal("hello", await ReadAsync(a, "greeting"));
            Assert.Equal("hello", await ReadAsync(b, "greeting"));
        }

        await a.SetAsync("greeting", "hola", LongLived, cancellationToken: Token); // B cannot hear of it now
        Assert.Equal("hola", await ReadAsync(a, "greeting"));

        using (var ready = await client.GetAsync("/readyz", Token))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync(Token));
        }

        await _redis.StartAsync(); // same port, empty: a restarted node

        await CacheCoherenceTests.TimeUntilAsync(async () => await client.GetStringAsync("/readyz", Token) == "Healthy");
        // The change made during the outage is replayed to B once the backplane is back...
        await CacheCoherenceTests.TimeUntilAsync(async () => await ReadAsync(b, "greeting") == "hola");
        // ...new changes through A reach B's memory again...
        await CacheCoherenceTests.TimeUntilAsync(async () =>
        {
            await a.SetAsync("greeting", "welcome back", LongLived, cancellationToken: Token);
            return await ReadAsync(b, "greeting") == "welcome back";
        });
        // ...and the data cache writes to Redis again.
        await using var raw = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        await CacheCoherenceTests.TimeUntilAsync(async () =>
            await raw.GetDatabase().KeyExistsAsync($"v2:{_prefix}:greeting"));
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _redis.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<string> ReadAsync(HybridCache cache, string key) =>
        await cache.GetOrCreateAsync(key, _ => ValueTask.FromResult("(missing)"), LongLived, cancellationToken: Token);
}
