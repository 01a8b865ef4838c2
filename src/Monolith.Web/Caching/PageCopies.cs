using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace Monolith.Web.Caching;

/// <summary>
/// This replica's ready-to-send copies of output-cached anonymous pages, which
/// <see cref="CachedPageShortcut"/> answers before routing and authentication run. Evicting a tag
/// anywhere retires every replica's copies that carry it: with Redis, the evicting replica publishes
/// the tag on a channel and each replica retires its copies when it hears of it (they refill from the
/// output cache, not by rendering). A copy lives at most <c>Caching:PageMemoryDuration</c>, which also
/// bounds staleness while Redis is unreachable and evictions cannot be heard.
/// </summary>
internal sealed class PageCopies : IDisposable
{
    private const int MaxRememberedTags = 10_000;

    // Null without Redis, or when copies are off: then there is nothing to tell or hear.
    private readonly RedisConnection? _redis;
    private readonly RedisChannel _evictionChannel;
    private readonly ILogger<PageCopies> _logger;
    private readonly MemoryCache _copies;

    // With Redis, copies are kept only while this replica hears evictions; until then, a new attempt every 2 s.
    private int _subscribed;
    private long _nextSubscribeAttempt;

    // Counts evictions. A copy remembers the count when its recording began, and is retired by any
    // later eviction of one of its tags (or of everything), including one made while it was recorded.
    private long _evictions;
    private long _allEvictedAt;
    private readonly ConcurrentDictionary<string, long> _tagEvictedAt = new(StringComparer.Ordinal);

    public PageCopies(CachingOptions options, RedisConnection? redis, ILogger<PageCopies> logger)
    {
        Lifetime = options.PageMemoryDuration;
        MaxPageBytes = (int)Math.Min(options.PageMemorySizeLimit / 16, 4 * 1024 * 1024);
        _redis = Lifetime > TimeSpan.Zero ? redis : null;
        _subscribed = _redis is null ? 1 : 0;
        _evictionChannel = RedisChannel.Literal(options.KeyPrefix + ":pages:evicted");
        _logger = logger;
        // Each copy's size is its body's length in bytes.
        _copies = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.PageMemorySizeLimit });
    }

    /// <summary>Longest a copy is answered from memory.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>Largest page body worth copying; bigger pages are left to the output cache.</summary>
    public int MaxPageBytes { get; }

    /// <summary>Taken before a page is recorded, and given back to <see cref="Keep"/>.</summary>
    public long Generation => Interlocked.Read(ref _evictions);

    /// <summary>Listens for evictions published by any replica. Copies are dropped when Redis comes back: evictions may have been missed.</summary>
    public async Task StartAsync()
    {
        if (_redis is null)
        {
            return;
        }

        var redis = await _redis.ConnectAsync();
        redis.ConnectionRestored += (_, _) => EvictAll();
        await SubscribeAsync();
    }

    public bool TryGet(string key, out PageCopy copy)
    {
        if (_copies.TryGetValue(key, out PageCopy? found) && IsCurrent(found!))
        {
            copy = found!;
            return true;
        }

        copy = null!;
        return false;
    }

    public void Keep(string key, PageCopy copy, TimeSpan lifetime)
    {
        if (lifetime <= TimeSpan.Zero || !Listening() || !IsCurrent(copy))
        {
            return; // deaf to evictions, or one arrived meanwhile: this page may be what it evicted
        }

        _copies.Set(key, copy, new MemoryCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = lifetime,
            Size = copy.Body.Length,
        });
    }

    /// <summary>A tag was evicted through this replica: retire the copies here and tell the other replicas.</summary>
    public async ValueTask EvictedAsync(string tag)
    {
        Evict(tag);
        if (_redis is null)
        {
            return;
        }

        try
        {
            var redis = await _redis.ConnectAsync();
            await redis.GetSubscriber().PublishAsync(_evictionChannel, tag);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _logger.LogWarning(
                "Could not tell other replicas to drop pages tagged {Tag} ({Error}); their copies expire within {Lifetime}",
                tag, e.Message, Lifetime);
        }
    }

    public void Dispose() => _copies.Dispose();

    private bool IsCurrent(PageCopy copy)
    {
        if (Interlocked.Read(ref _allEvictedAt) > copy.Generation)
        {
            return false;
        }

        foreach (var tag in copy.Tags)
        {
            if (_tagEvictedAt.TryGetValue(tag, out var evictedAt) && evictedAt > copy.Generation)
            {
                return false;
            }
        }

        return true;
    }

    private void Evict(string tag)
    {
        // Tags are few in practice; should they pile up (say, one per record), forget them all at once.
        if (_tagEvictedAt.Count >= MaxRememberedTags)
        {
            EvictAll();
            _tagEvictedAt.Clear();
            return;
        }

        _tagEvictedAt[tag] = Interlocked.Increment(ref _evictions);
    }

    private void EvictAll()
    {
        Interlocked.Exchange(ref _allEvictedAt, Interlocked.Increment(ref _evictions));
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
            var redis = await _redis!.ConnectAsync();
            await redis.GetSubscriber().SubscribeAsync(_evictionChannel, (_, tag) => Evict(tag.ToString()));
            Volatile.Write(ref _subscribed, 1);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _logger.LogWarning("Pages are not answered from memory until Redis is back: evictions by other replicas cannot be heard ({Error})", e.Message);
        }
    }
}
