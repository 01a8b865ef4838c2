using System.Diagnostics.Metrics;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Events;
using ZiggyCreatures.Caching.Fusion.Plugins;

namespace Monolith.Web.Caching;

/// <summary>
/// Cache hits, misses, fail-safe activations, backplane messages and what answered cacheable pages, as
/// <see cref="MeterName"/> counters, and this replica's totals since it started, for the admin dashboard.
/// </summary>
public sealed class CacheMetrics : IFusionCachePlugin
{
    public const string MeterName = "Monolith.Caching";

    private readonly Tally _hits;
    private readonly Tally _misses;
    private readonly Tally _distributedHits;
    private readonly Tally _distributedMisses;
    private readonly Tally _failSafeActivations;
    private readonly Tally _messagesSent;
    private readonly Tally _messagesReceived;
    private readonly Tally _pagesFromCopy;
    private readonly Tally _pagesFromOutputCache;
    private readonly Tally _pagesRendered;

    public CacheMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _hits = new(meter.CreateCounter<long>("app.cache.hits", "{lookup}", "App lookups answered from the cache (memory or Redis)."));
        _misses = new(meter.CreateCounter<long>("app.cache.misses", "{lookup}", "App lookups the cache could not answer."));
        _distributedHits = new(meter.CreateCounter<long>("app.cache.distributed.hits", "{lookup}", "Redis lookups (after a memory miss) that found the value."));
        _distributedMisses = new(meter.CreateCounter<long>("app.cache.distributed.misses", "{lookup}", "Redis lookups (after a memory miss) that did not."));
        _failSafeActivations = new(meter.CreateCounter<long>("app.cache.fail_safe.activations", "{activation}", "Expired values served because refreshing them failed."));
        var messages = meter.CreateCounter<long>("app.cache.backplane.messages", "{message}", "Invalidation messages between replicas (tag direction: sent or received).");
        _messagesSent = new(messages, new("direction", "sent"));
        _messagesReceived = new(messages, new("direction", "received"));
        var pages = meter.CreateCounter<long>(
            "app.cache.pages", "{request}", "Anonymous GETs of cacheable pages (tag answered_by: copy, output_cache or rendered).");
        _pagesFromCopy = new(pages, new("answered_by", "copy"));
        _pagesFromOutputCache = new(pages, new("answered_by", "output_cache"));
        _pagesRendered = new(pages, new("answered_by", "rendered"));
    }

    /// <summary>This replica's totals since it started.</summary>
    public CacheCounts Read() => new(
        _hits.Total, _misses.Total, _distributedHits.Total, _distributedMisses.Total,
        _failSafeActivations.Total, _messagesSent.Total, _messagesReceived.Total,
        new PageCounts(_pagesFromCopy.Total, _pagesFromOutputCache.Total, _pagesRendered.Total));

    /// <summary>An anonymous GET of a cacheable page, answered by this replica's copy in memory, the output cache, or rendering.</summary>
    public void CountPage(PageAnswer answer) =>
        (answer switch
        {
            PageAnswer.Copy => _pagesFromCopy,
            PageAnswer.OutputCache => _pagesFromOutputCache,
            _ => _pagesRendered,
        }).Add();

    public void Start(IFusionCache cache)
    {
        cache.Events.Hit += OnHit;
        cache.Events.Miss += OnMiss;
        cache.Events.Distributed.Hit += OnDistributedHit;
        cache.Events.Distributed.Miss += OnDistributedMiss;
        cache.Events.FailSafeActivate += OnFailSafeActivate;
        cache.Events.Backplane.MessagePublished += OnMessageSent;
        cache.Events.Backplane.MessageReceived += OnMessageReceived;
    }

    public void Stop(IFusionCache cache)
    {
        cache.Events.Hit -= OnHit;
        cache.Events.Miss -= OnMiss;
        cache.Events.Distributed.Hit -= OnDistributedHit;
        cache.Events.Distributed.Miss -= OnDistributedMiss;
        cache.Events.FailSafeActivate -= OnFailSafeActivate;
        cache.Events.Backplane.MessagePublished -= OnMessageSent;
        cache.Events.Backplane.MessageReceived -= OnMessageReceived;
    }

    private void OnHit(object? sender, FusionCacheEntryHitEventArgs e) => CountLookup(_hits, e);

    private void OnMiss(object? sender, FusionCacheEntryEventArgs e) => CountLookup(_misses, e);

    private void OnDistributedHit(object? sender, FusionCacheEntryHitEventArgs e) => CountLookup(_distributedHits, e);

    private void OnDistributedMiss(object? sender, FusionCacheEntryEventArgs e) => CountLookup(_distributedMisses, e);

    private void OnFailSafeActivate(object? sender, FusionCacheEntryEventArgs e) => _failSafeActivations.Add();

    private void OnMessageSent(object? sender, FusionCacheBackplaneMessageEventArgs e) => _messagesSent.Add();

    private void OnMessageReceived(object? sender, FusionCacheBackplaneMessageEventArgs e) => _messagesReceived.Add();

    // FusionCache's own bookkeeping entries (tag invalidation markers, "__fc:t:...") are not the app's lookups.
    private static void CountLookup(Tally tally, FusionCacheEntryEventArgs e)
    {
        if (!e.Key.Contains(":__fc:", StringComparison.Ordinal))
        {
            tally.Add();
        }
    }

    /// <summary>One series of a counter, and its total in this process.</summary>
    private sealed class Tally(Counter<long> counter, KeyValuePair<string, object?> tag = default)
    {
        private long _total;

        public long Total => Interlocked.Read(ref _total);

        public void Add()
        {
            Interlocked.Increment(ref _total);
            if (tag.Key is null)
            {
                counter.Add(1);
            }
            else
            {
                counter.Add(1, tag);
            }
        }
    }
}

public enum PageAnswer
{
    Copy,
    OutputCache,
    Rendered,
}

public sealed record PageCounts(long FromCopy, long FromOutputCache, long Rendered)
{
    /// <summary>Share of cacheable page requests answered without rendering, or null before the first.</summary>
    public double? HitRatio => FromCopy + FromOutputCache + Rendered == 0
        ? null
        : (double)(FromCopy + FromOutputCache) / (FromCopy + FromOutputCache + Rendered);
}

public sealed record CacheCounts(
    long Hits, long Misses, long DistributedHits, long DistributedMisses, long FailSafeActivations, long BackplaneSent, long BackplaneReceived,
    PageCounts Pages)
{
    /// <summary>Share of lookups answered from the cache, or null before the first lookup.</summary>
    public double? HitRatio => Hits + Misses == 0 ? null : (double)Hits / (Hits + Misses);
}
