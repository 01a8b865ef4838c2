using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Monolith.Web.Caching;

/// <summary>
/// This replica's cache counters since it started, for the admin dashboard: a listener on the
/// <see cref="CacheMetrics"/> instruments of this app's meter factory, so nothing is counted twice.
/// </summary>
public sealed class CacheStatistics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);

    public CacheStatistics(IMeterFactory meterFactory)
    {
        // Several apps in one process (tests) each have their own factory: only this app's meter counts.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CacheMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _totals.AddOrUpdate(Key(instrument.Name, Direction(tags)), value, (_, total) => total + value));
        _listener.Start();
    }

    public CacheCounts Read() => new(
        Total(CacheMetrics.Hits),
        Total(CacheMetrics.Misses),
        Total(CacheMetrics.DistributedHits),
        Total(CacheMetrics.DistributedMisses),
        Total(CacheMetrics.FailSafeActivations),
        Total(CacheMetrics.BackplaneMessages, "sent"),
        Total(CacheMetrics.BackplaneMessages, "received"));

    public void Dispose() => _listener.Dispose();

    private long Total(string instrument, string? direction = null) => _totals.GetValueOrDefault(Key(instrument, direction));

    private static string Key(string instrument, string? direction) => direction is null ? instrument : $"{instrument}:{direction}";

    private static string? Direction(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var (key, value) in tags)
        {
            if (key == "direction")
            {
                return value as string;
            }
        }

        return null;
    }
}

public sealed record CacheCounts(
    long Hits, long Misses, long DistributedHits, long DistributedMisses, long FailSafeActivations, long BackplaneSent, long BackplaneReceived)
{
    /// <summary>Share of lookups answered from the cache, or null before the first lookup.</summary>
    public double? HitRatio => Hits + Misses == 0 ? null : (double)Hits / (Hits + Misses);
}
