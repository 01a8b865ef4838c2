using Microsoft.AspNetCore.OutputCaching;
using ZiggyCreatures.Caching.Fusion;

namespace Monolith.Web.Caching;

/// <summary>
/// Creates the cache before the first request, so the backplane is subscribed (and this replica
/// hears invalidations, of values and of pages) from the moment it starts, not from its first cache call.
/// </summary>
internal sealed class CachingStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<RedisConnection>() is { } redis)
        {
            await redis.ConnectAsync().WaitAsync(cancellationToken);
        }

        _ = services.GetRequiredService<IFusionCache>();
        if (services.GetRequiredService<IOutputCacheStore>() is PageMemoryTier pages)
        {
            await pages.StartAsync().WaitAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
