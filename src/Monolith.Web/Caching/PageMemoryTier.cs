using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace Monolith.Web.Caching;

/// <summary>
/// Output-cached pages in Redis, with a short-lived copy in this replica's memory so that a page hit
/// costs no Redis round trip. Evicting a tag anywhere drops every replica's copies: the evicting
/// replica publishes it on a Redis channel, and each replica empties its memory tier when it hears
/// of it (copies carry no tags, so all of them go; they refill from Redis, not by rendering).
/// A copy lives at most <c>Caching:PageMemoryDuration</c>, which also bounds staleness while Redis
/// is unreachable and evictions cannot be heard.
/// </summary>
internal sealed class PageMemoryTier : IOutputCacheStore, IDisposable
{
    private readonly IOutputCacheStore _redis;
    private readonly RedisConnection _connection;
    private readonly TimeSpan _copyLifetime;
    private readonly RedisChannel _evictions;
    private readonly ILogger<PageMemoryTier> _logger;
    private readonly MemoryCache _copies;

    // Copies are kept only while this replica hears evictions; until then, a new attempt every 2 s.
    private int _subscribed;
    private long _nextSubscribeAttempt;

    // Bumped by every eviction heard: copies taken under an older generation are not served, which
    // also covers a Redis read that was under way while the eviction happened.
    private long _generation;

    public PageMemoryTier(IOutputCacheStore redis, RedisConnection connection, CachingOptions options, ILogger<PageMemoryTier> logger)
    {
        _redis = redis;
        _connection = connection;
        _copyLifetime = options.PageMemoryDuration;
        _evictions = RedisChannel.Literal(options.KeyPrefix + ":pages:evicted");
        _logger = logger;
        // Each copy's size is its length in bytes.
        _copies = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.PageMemorySizeLimit });
    }

    private sealed record PageCopy(byte[] Page, long Generation);

    /// <summary>Listens for evictions published by any replica. Copies are dropped when Redis comes back: evictions may have been missed.</summary>
    public async Task StartAsync()
    {
        var redis = await _connection.ConnectAsync();
        redis.ConnectionRestored += (_, _) => Forget();
        await SubscribeAsync();
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var generation = Volatile.Read(ref _generation);
        if (_copies.TryGetValue(key, out PageCopy? copy) && copy!.Generation == generation)
        {
            return copy.Page;
        }

        var page = await _redis.GetAsync(key, cancellationToken);
        if (page is not null)
        {
            Keep(key, page, generation, _copyLifetime);
        }

        return page;
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var generation = Volatile.Read(ref _generation);
        await _redis.SetAsync(key, value, tags, validFor, cancellationToken);
        Keep(key, value, generation, validFor < _copyLifetime ? validFor : _copyLifetime);
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        await _redis.EvictByTagAsync(tag, cancellationToken);
        Forget();
        try
        {
            var redis = await _connection.ConnectAsync();
            await redis.GetSubscriber().PublishAsync(_evictions, tag);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _logger.LogWarning(
                "Could not tell other replicas to drop pages tagged {Tag} ({Error}); their copies expire within {Lifetime}",
                tag, e.Message, _copyLifetime);
        }
    }

    public void Dispose()
    {
        _copies.Dispose();
        (_redis as IDisposable)?.Dispose();
    }

    private void Keep(string key, byte[] page, long generation, TimeSpan lifetime)
    {
        if (!Listening() || generation != Volatile.Read(ref _generation))
        {
            return; // deaf to evictions, or one arrived meanwhile: this page may be what it evicted
        }

        _copies.Set(key, new PageCopy(page, generation), new MemoryCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = lifetime,
            Size = page.Length,
        });
    }

    private void Forget()
    {
        Interlocked.Increment(ref _generation);
        _copies.Clear();
    }

    private bool Listening()
    {
        if (Volatile.Read(ref _subscribed) == 1)
        {
            return true;
        }

        var now = Environment.TickCount64;
        var next = Interlocked.Read(ref _nextSubscribeAttempt);
        if (now >= next && Interlocked.CompareExchange(ref _nextSubscribeAttempt, now + 2_000, next) == next)
        {
            _ = SubscribeAsync();
        }

        return false;
    }

    private async Task SubscribeAsync()
    {
        try
        {
            var redis = await _connection.ConnectAsync();
            await redis.GetSubscriber().SubscribeAsync(_evictions, (_, _) => Forget());
            Volatile.Write(ref _subscribed, 1);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _logger.LogWarning("Pages are not kept in memory until Redis is back: evictions by other replicas cannot be heard ({Error})", e.Message);
        }
    }
}
