using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Hybrid;

namespace Monolith.Web.Caching;

/// <summary>Call after changing data: drops the cached values and pages tagged with it, on every replica.</summary>
public sealed class CacheInvalidator(HybridCache cache, IOutputCacheStore pages)
{
    public async Task InvalidateAsync(string tag, CancellationToken cancellationToken = default)
    {
        await cache.RemoveByTagAsync(tag, cancellationToken);
        await pages.EvictByTagAsync(tag, cancellationToken);
    }
}
