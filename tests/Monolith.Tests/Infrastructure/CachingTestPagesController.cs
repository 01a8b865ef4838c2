using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Hybrid;
using Monolith.Web.Caching;

namespace Monolith.Tests.Infrastructure;

/// <summary>Counts calls, per app instance.</summary>
public sealed class CallCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public int Next() => Interlocked.Increment(ref _count);
}

/// <summary>Pages that the caching tests add to the app, using the app's own policy and cache.</summary>
[Route("test-pages")]
public sealed class CachingTestPagesController(CallCounter renders) : Controller
{
    [HttpGet("whoami")]
    [OutputCache(PolicyName = CachePolicies.AnonymousPage, Tags = ["whoami"])]
    public string WhoAmI() => $"{User.Identity?.Name ?? "anonymous"}, render {renders.Next()}";

    [HttpGet("with-cookie")]
    [OutputCache(PolicyName = CachePolicies.AnonymousPage)]
    public string WithCookie()
    {
        Response.Cookies.Append("visited", "yes");
        return $"render {renders.Next()}";
    }

    /// <summary>A value behind a slow factory (300 ms, like a heavy query), cached under <paramref name="key"/>.</summary>
    [HttpGet("slow-value/{key}")]
    public async Task<string> SlowValue(string key, [FromServices] HybridCache cache, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(
            key,
            async token =>
            {
                renders.Next();
                await Task.Delay(300, token);
                return $"value of {key}";
            },
            cancellationToken: cancellationToken);
}
