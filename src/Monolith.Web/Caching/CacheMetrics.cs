using System.Diagnostics.Metrics;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Events;
using ZiggyCreatures.Caching.Fusion.Plugins;

namespace Monolith.Web.Caching;

/// <summary>Cache hits, misses, fail-safe activations and backplane messages as <see cref="MeterName"/> counters.</summary>
internal sealed class CacheMetrics : IFusionCachePlugin
{
    public const string MeterName = "Monolith.Caching";
    public const string Hits = "app.cache.hits";
    public const string Misses = "app.cache.misses";
    public const string DistributedHits = "app.cache.distributed.hits";
    public const string DistributedMisses = "app.cache.distributed.misses";
    public const string FailSafeActivations = "app.cache.fail_safe.activations";
    public const string BackplaneMessages = "app.cache.backplane.messages";

    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _distributedHits;
    private readonly Counter<long> _distributedMisses;
    private readonly Counter<long> _failSafeActivations;
    private readonly Counter<long> _backplaneMessages;

    public CacheMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _hits = meter.CreateCounter<long>(Hits, "{lookup}", "App lookups answered from the cache (memory or Redis).");
        _misses = meter.CreateCounter<long>(Misses, "{lookup}", "App lookups the cache could not answer.");
        _distributedHits = meter.CreateCounter<long>(DistributedHits, "{lookup}", "Redis lookups (after a memory miss) that found the value.");
        _distributedMisses = meter.CreateCounter<long>(DistributedMisses, "{lookup}", "Redis lookups (after a memory miss) that did not.");
        _failSafeActivations = meter.CreateCounter<long>(FailSafeActivations, "{activation}", "Expired values served because refreshing them failed.");
        _backplaneMessages = meter.CreateCounter<long>(BackplaneMessages, "{message}", "Invalidation messages between replicas (tag direction: sent or received).");
    }

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

    private void OnHit(object? sender, FusionCacheEntryHitEventArgs e) => Count(_hits, e);

    private void OnMiss(object? sender, FusionCacheEntryEventArgs e) => Count(_misses, e);

    private void OnDistributedHit(object? sender, FusionCacheEntryHitEventArgs e) => Count(_distributedHits, e);

    private void OnDistributedMiss(object? sender, FusionCacheEntryEventArgs e) => Count(_distributedMisses, e);

    private void OnFailSafeActivate(object? sender, FusionCacheEntryEventArgs e) => _failSafeActivations.Add(1);

    private void OnMessageSent(object? sender, FusionCacheBackplaneMessageEventArgs e) =>
        _backplaneMessages.Add(1, new KeyValuePair<string, object?>("direction", "sent"));

    private void OnMessageReceived(object? sender, FusionCacheBackplaneMessageEventArgs e) =>
        _backplaneMessages.Add(1, new KeyValuePair<string, object?>("direction", "received"));

    // FusionCache's own bookkeeping entries (tag invalidation markers, "__fc:t:...") are not the app's lookups.
    private static void Count(Counter<long> counter, FusionCacheEntryEventArgs e)
    {
        if (!e.Key.Contains(":__fc:", StringComparison.Ordinal))
        {
            counter.Add(1);
        }
    }
}
