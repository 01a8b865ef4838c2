using ZiggyCreatures.Caching.Fusion;

namespace Monolith.Web.Caching;

/// <summary>
/// With Redis, creates the cache before the first request, so the backplane is subscribed (and this
/// replica hears invalidations) from the moment it starts, not from its first cache call. Without
/// Redis there is nothing to hear: the cache is created on first use.
/// </summary>
internal sealed class CachingStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<CacheStatistics>(); // counts from the first lookup on
        if (services.GetService<RedisConnection>() is not { } redis)
        {
            return;
        }

        await redis.ConnectAsync().WaitAsync(cancellationToken);
        _ = services.GetRequiredService<IFusionCache>();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
