using System.Diagnostics.Metrics;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Monolith.Testing;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Caching;
using Monolith.Web.Data;

namespace Monolith.Tests.Integration;

/// <summary>Fail-safe, the bounded LRU memory level and the cache's meters.</summary>
public sealed class CacheBehaviourTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);

    [Fact]
    public async Task Expired_value_is_served_when_refreshing_it_fails_and_the_activation_is_counted()
    {
        await using var app = CachingApps.Create(_database, redis: null, CachingApps.NewKeyPrefix());
        var cache = app.Services.GetRequiredService<HybridCache>();
        using var failSafe = Collect<long>(app, "app.cache.fail_safe.activations");
        var shortLived = new HybridCacheEntryOptions { Expiration = TimeSpan.FromMilliseconds(100) };
        await cache.GetOrCreateAsync("exchange-rate", _ => ValueTask.FromResult(1.08m), shortLived, cancellationToken: Token);
        await Task.Delay(300, Token);

        var rate = await cache.GetOrCreateAsync<decimal>(
            "exchange-rate", _ => throw new HttpRequestException("rates provider down"), shortLived, cancellationToken: Token);

        Assert.Equal(1.08m, rate);
        Assert.Equal(1, failSafe.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task Memory_level_holds_at_most_its_size_limit_and_evicts_the_least_recently_used_first()
    {
        await using var app = CachingApps.Create(
            _database, redis: null, CachingApps.NewKeyPrefix(), new Dictionary<string, string?> { ["Caching:MemorySizeLimit"] = "100" });
        var cache = app.Services.GetRequiredService<HybridCache>();
        async Task PutAsync(int key) => await cache.GetOrCreateAsync($"item:{key}", _ => ValueTask.FromResult(key), cancellationToken: Token);
        async Task<bool> IsCachedAsync(int key) => await cache.GetOrCreateAsync(
            $"item:{key}", _ => ValueTask.FromResult(-1), new HybridCacheEntryOptions { Flags = HybridCacheEntryFlags.DisableUnderlyingData }, cancellationToken: Token) == key;
        for (var key = 0; key < 90; key++)
        {
            await PutAsync(key);
        }

        for (var key = 0; key < 45; key++)
        {
            Assert.True(await IsCachedAsync(key)); // recently used from now on
        }

        for (var key = 90; key < 150; key++)
        {
            await PutAsync(key);
            await Task.Delay(2, Token); // compaction runs in the background
        }

        await CacheCoherenceTests.TimeUntilAsync(async () => !await IsCachedAsync(45)); // the oldest untouched one went first
        var cached = new List<int>();
        for (var key = 0; key < 150; key++)
        {
            if (await IsCachedAsync(key))
            {
                cached.Add(key);
            }
        }

        Assert.InRange(cached.Count, 1, 100);
        Assert.All(Enumerable.Range(0, 45), key => Assert.Contains(key, cached));
    }

    [Fact]
    public async Task Hits_misses_and_backplane_messages_are_counted_on_the_caching_meter()
    {
        var prefix = CachingApps.NewKeyPrefix();
        await using var a = CachingApps.Create(_database, TestServices.Redis, prefix);
        await using var b = CachingApps.Create(_database, TestServices.Redis, prefix);
        using var hitsA = Collect<long>(a, "app.cache.hits");
        using var missesA = Collect<long>(a, "app.cache.misses");
        using var distributedMissesA = Collect<long>(a, "app.cache.distributed.misses");
        using var distributedHitsB = Collect<long>(b, "app.cache.distributed.hits");
        using var sentA = Collect<long>(a, "app.cache.backplane.messages");
        using var receivedB = Collect<long>(b, "app.cache.backplane.messages");
        var cacheA = a.Services.GetRequiredService<HybridCache>();
        var cacheB = b.Services.GetRequiredService<HybridCache>();

        await cacheA.GetOrCreateAsync("plan", _ => ValueTask.FromResult("pro"), cancellationToken: Token); // misses both levels
        await cacheA.GetOrCreateAsync("plan", _ => ValueTask.FromResult("pro"), cancellationToken: Token); // memory hit
        await CacheCoherenceTests.TimeUntilAsync(async () => // distributed hit once A's background write landed
        {
            await cacheB.GetOrCreateAsync("plan", _ => ValueTask.FromResult("(missing)"), new HybridCacheEntryOptions { Flags = HybridCacheEntryFlags.DisableLocalCache }, cancellationToken: Token);
            return Total(distributedHitsB) >= 1;
        });
        await cacheA.SetAsync("plan", "team", cancellationToken: Token);
        await CacheCoherenceTests.TimeUntilAsync(() => Task.FromResult(Count(receivedB, "direction", "received") >= 1));

        Assert.Equal(1, Total(missesA));
        Assert.Equal(1, Total(distributedMissesA));
        Assert.Equal(1, Total(hitsA));
        Assert.True(Count(sentA, "direction", "sent") >= 1);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static MetricCollector<T> Collect<T>(AppFactory app, string instrument)
        where T : struct =>
        new(app.Services.GetRequiredService<IMeterFactory>(), CacheMetrics.MeterName, instrument);

    private static long Total(MetricCollector<long> collector) => collector.GetMeasurementSnapshot().Sum(m => m.Value);

    private static long Count(MetricCollector<long> collector, string tag, string value) =>
        collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags[tag], value)).Sum(m => m.Value);
}
