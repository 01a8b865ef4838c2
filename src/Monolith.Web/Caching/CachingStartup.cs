using ZiggyCreatures.Caching.Fusion;

namespace Monolith.Web.Caching;

/// <summary>
/// With Redis, creates the cache and the page store before the first request, so this replica hears
/// invalidations (of values and of pages) from the moment it starts; without Redis there is nothing to
/// hear, and the cache is created on first use.
/// </summary>
internal sealed class CachingStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<RedisConnection>() is not { } redis)
        {
            return;
        }

        await redis.ConnectAsync().WaitAsync(cancellationToken);
        _ = services.GetRequiredService<IFusionCache>();
        await services.GetRequiredService<PageCopies>().StartAsync().WaitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
