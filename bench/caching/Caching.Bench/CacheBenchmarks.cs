using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Hybrid;
using StackExchange.Redis;

namespace Monolith.Bench.Caching;

[MemoryDiagnoser]
public class CacheBenchmarks
{
    public const string RedisVariable = "BENCH_REDIS";

    private static readonly HybridCacheEntryOptions FromRedis = new() { Flags = HybridCacheEntryFlags.DisableLocalCache };
    private static readonly Func<CancellationToken, ValueTask<Plan>> Unreachable = _ => throw new InvalidOperationException("cached");

    private WebApplication _app = null!;
    private HybridCache _cache = null!;
    private ConnectionMultiplexer _redis = null!;
    private IDatabase _database = null!;
    private RedisKey _rawKey;
    private RedisKey _entryKey;

    public sealed record Plan(string Name, decimal MonthlyPrice, string[] Features);

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var redis = Environment.GetEnvironmentVariable(RedisVariable)!;
        var prefix = $"bench{Guid.NewGuid():N}";
        _app = BenchApp.Build(redis, prefix);
        await _app.StartAsync();
        _cache = _app.Services.GetRequiredService<HybridCache>();
        var plan = new Plan("Pro", 29m, ["Unlimited projects", "Priority support", "Audit log", "SSO"]);
        await _cache.SetAsync("plan", plan);
        await Task.Delay(500); // the write to Redis happens in the background

        // The raw GET reads exactly the bytes the cache stored for the entry, so both move the same payload.
        _redis = await ConnectionMultiplexer.ConnectAsync(redis);
        _database = _redis.GetDatabase();
        var payload = await _database.HashGetAsync($"v2:{prefix}:plan", "data");
        if (payload.IsNull)
        {
            throw new InvalidOperationException("the entry did not reach Redis");
        }

        _rawKey = $"{prefix}:raw";
        await _database.StringSetAsync(_rawKey, payload);
        _entryKey = $"v2:{prefix}:plan";
    }

    [Benchmark(Description = "L1 hit (HybridCache, memory)")]
    public ValueTask<Plan> MemoryHit() => _cache.GetOrCreateAsync("plan", Unreachable);

    [Benchmark(Description = "L2 hit (HybridCache, Redis)")]
    public ValueTask<Plan> RedisHit() => _cache.GetOrCreateAsync("plan", Unreachable, FromRedis);

    [Benchmark(Baseline = true, Description = "raw StackExchange.Redis GET, same payload")]
    public Task<RedisValue> RawRedisGet() => _database.StringGetAsync(_rawKey);

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _database.KeyDeleteAsync([_rawKey, _entryKey]);
        await _redis.DisposeAsync();
        await _app.DisposeAsync();
    }
}
