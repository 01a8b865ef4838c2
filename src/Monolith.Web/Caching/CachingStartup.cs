using ZiggyCreatures.Caching.Fusion;

namespace Monolith.Web.Caching;

/// <summary>
/// Creates the cache before the first request, so the backplane is subscribed (and this replica
/// hears invalidations) from the moment it starts, not from its first cache call.
/// </summary>
internal sealed class CachingStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<RedisConnection>() is { } redis)
        {
            await redis.ConnectAsync().WaitAsync(cancellationToken);
        }

        _ = services.GetRequiredService<CacheStatistics>(); // counts from the first lookup on
        _ = services.GetRequiredService<IFusionCache>();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
