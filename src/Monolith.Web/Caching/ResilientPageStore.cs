using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using StackExchange.Redis;

namespace Monolith.Web.Caching;

/// <summary>
/// The Redis page store behind a circuit breaker: while Redis fails, pages are rendered instead of
/// cached, with one warning per outage instead of two errors per request, and a hung Redis costs
/// one timeout per <c>breakDuration</c> rather than one per request.
/// </summary>
internal sealed class ResilientPageStore(
    IOutputCacheBufferStore inner, TimeSpan breakDuration, ILogger<ResilientPageStore> logger)
    : IOutputCacheBufferStore, IDisposable
{
    private long _skipRedisUntil;

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        GuardAsync(() => inner.GetAsync(key, cancellationToken), fallback: null);

    public ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken) =>
        GuardAsync(() => inner.TryGetAsync(key, destination, cancellationToken), fallback: false);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        GuardAsync(() => inner.SetAsync(key, value, tags, validFor, cancellationToken));

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        GuardAsync(() => inner.SetAsync(key, value, tags, validFor, cancellationToken));

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) =>
        GuardAsync(() => inner.EvictByTagAsync(tag, cancellationToken));

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private async ValueTask GuardAsync(Func<ValueTask> operation) =>
        await GuardAsync(async () => { await operation(); return true; }, fallback: false);

    private async ValueTask<T> GuardAsync<T>(Func<ValueTask<T>> operation, T fallback)
    {
        if (Environment.TickCount64 < Interlocked.Read(ref _skipRedisUntil))
        {
            return fallback;
        }

        try
        {
            return await operation();
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            var until = Environment.TickCount64 + (long)breakDuration.TotalMilliseconds;
            if (Interlocked.Exchange(ref _skipRedisUntil, until) < Environment.TickCount64)
            {
                logger.LogWarning("Page cache in Redis unavailable ({Error}); rendering pages without it for {Duration}", e.Message, breakDuration);
            }

            return fallback;
        }
    }

    // Evicting a tag scans a Redis set, and the scan reports a lost connection wrapped in an AggregateException.
    private static bool IsRedisFailure(Exception e) =>
        e is RedisException or TimeoutException
        || (e is AggregateException aggregate && aggregate.InnerExceptions.All(IsRedisFailure));
}
