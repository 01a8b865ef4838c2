using Microsoft.AspNetCore.OutputCaching;

namespace Monolith.Web.Caching;

/// <summary>The output cache's page store, telling <see cref="PageCopies"/> of every eviction by tag, whoever asked for it.</summary>
internal sealed class PageEvictionNotifier(IOutputCacheStore pages, PageCopies copies) : IOutputCacheStore, IDisposable
{
    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => pages.GetAsync(key, cancellationToken);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        pages.SetAsync(key, value, tags, validFor, cancellationToken);

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        await pages.EvictByTagAsync(tag, cancellationToken);
        await copies.EvictedAsync(tag);
    }

    public void Dispose() => (pages as IDisposable)?.Dispose();
}
