using System.Diagnostics.Metrics;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Events;
using ZiggyCreatures.Caching.Fusion.Plugins;

namespace Monolith.Web.Caching;

/// <summary>Cache hits, misses, fail-safe activations and backplane messages as <see cref="MeterName"/> counters.</summary>
internal sealed class CacheMetrics : IFusionCachePlugin
{
    public const string MeterName = "Monolith.Caching";

    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _failSafeActivations;
    private readonly Counter<long> _backplaneMessages;

    public CacheMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _hits = meter.CreateCounter<long>("cache.hits", "{lookup}", "Lookups answered by a cache level (tag level: memory or distributed).");
        _misses = meter.CreateCounter<long>("cache.misses", "{lookup}", "Lookups a cache level could not answer (tag level: memory or distributed).");
        _failSafeActivations = meter.CreateCounter<long>("cache.fail_safe.activations", "{activation}", "Expired values served because refreshing them failed.");
        _backplaneMessages = meter.CreateCounter<long>("cache.backplane.messages", "{message}", "Invalidation messages between replicas (tag direction: sent or received).");
    }

    public void Start(IFusionCache cache)
    {
        cache.Events.Memory.Hit += OnMemoryHit;
        cache.Events.Memory.Miss += OnMemoryMiss;
        cache.Events.Distributed.Hit += OnDistributedHit;
        cache.Events.Distributed.Miss += OnDistributedMiss;
        cache.Events.FailSafeActivate += OnFailSafeActivate;
        cache.Events.Backplane.MessagePublished += OnMessageSent;
        cache.Events.Backplane.MessageReceived += OnMessageReceived;
    }

    public void Stop(IFusionCache cache)
    {
        cache.Events.Memory.Hit -= OnMemoryHit;
        cache.Events.Memory.Miss -= OnMemoryMiss;
        cache.Events.Distributed.Hit -= OnDistributedHit;
        cache.Events.Distributed.Miss -= OnDistributedMiss;
        cache.Events.FailSafeActivate -= OnFailSafeActivate;
        cache.Events.Backplane.MessagePublished -= OnMessageSent;
        cache.Events.Backplane.MessageReceived -= OnMessageReceived;
    }

    private void OnMemoryHit(object? sender, FusionCacheEntryHitEventArgs e) => _hits.Add(1, Level("memory"));

    private void OnMemoryMiss(object? sender, FusionCacheEntryEventArgs e) => _misses.Add(1, Level("memory"));

    private void OnDistributedHit(object? sender, FusionCacheEntryHitEventArgs e) => _hits.Add(1, Level("distributed"));

    private void OnDistributedMiss(object? sender, FusionCacheEntryEventArgs e) => _misses.Add(1, Level("distributed"));

    private void OnFailSafeActivate(object? sender, FusionCacheEntryEventArgs e) => _failSafeActivations.Add(1);

    private void OnMessageSent(object? sender, FusionCacheBackplaneMessageEventArgs e) =>
        _backplaneMessages.Add(1, new KeyValuePair<string, object?>("direction", "sent"));

    private void OnMessageReceived(object? sender, FusionCacheBackplaneMessageEventArgs e) =>
        _backplaneMessages.Add(1, new KeyValuePair<string, object?>("direction", "received"));

    private static KeyValuePair<string, object?> Level(string level) => new("level", level);
}
