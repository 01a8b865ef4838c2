using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Monolith.Web.Caching;

/// <summary>
/// Answers anonymous GETs of output-cached pages from this replica's <see cref="PageCopies"/>, before
/// error pages, routing, rate limiting, authentication and the output cache run (about a third of the
/// CPU of a cached page, see bench/caching). On a miss it lets the request through and copies the page
/// when the output cache served or stored it: a 200 for an anonymous visitor that set no cookie and
/// varies by nothing but its URL. Signed-in visitors, conditional requests and everything else go the
/// whole way, where the output cache applies its own rules.
/// </summary>
internal sealed class CachedPageShortcut(
    RequestDelegate next, PageCopies copies, AnonymousRequests anonymous, CacheMetrics metrics, IOptions<OutputCacheOptions> outputCacheOptions)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method)
            || request.Headers.IfNoneMatch.Count > 0
            || request.Headers.IfModifiedSince.Count > 0
            || !await anonymous.IsAnonymousAsync(context))
        {
            await next(context);
            return;
        }

        var key = string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value);
        if (copies.TryGet(key, out var copy))
        {
            metrics.CountPage(PageAnswer.Copy);
            await SendAsync(context, copy);
            return;
        }

        await CopyWhileServingAsync(context, key);
    }

    private static ValueTask<FlushResult> SendAsync(HttpContext context, PageCopy copy)
    {
        context.SetEndpoint(copy.Endpoint);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        var headers = response.Headers;
        foreach (var (name, value) in copy.Headers)
        {
            headers.TryAdd(name, value);
        }

        headers.Age = HeaderUtilities.FormatNonNegativeInt64((Environment.TickCount64 - copy.CreatedAt) / 1000);
        response.ContentLength = copy.Body.Length;
        return response.BodyWriter.WriteAsync(copy.Body, context.RequestAborted);
    }

    private async Task CopyWhileServingAsync(HttpContext context, string key)
    {
        var generation = copies.Generation;
        var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var recorder = new PageRecorder(body.Stream, context, copies.MaxPageBytes);
        var recording = new StreamResponseBodyFeature(recorder, body);
        context.Features.Set<IHttpResponseBodyFeature>(recording);
        try
        {
            await next(context);
            await recording.CompleteAsync();
        }
        finally
        {
            context.Features.Set(body);
        }

        if (recorder.OutputCache is not { } outputCacheFeature)
        {
            return; // not a cacheable page
        }

        // The output cache gives what it answers an Age header; a rendered page has none.
        metrics.CountPage(context.Response.Headers.Age.Count > 0 ? PageAnswer.OutputCache : PageAnswer.Rendered);
        if (recorder.Body is { } page && IsSharedPage(context, outputCacheFeature.Context, page))
        {
            Keep(context, key, recorder.Headers, page, outputCacheFeature.Context, generation);
        }
    }

    private static bool IsSharedPage(HttpContext context, OutputCacheContext outputCache, byte[] page)
    {
        var response = context.Response;
        var rules = outputCache.CacheVaryByRules;
        return outputCache is { EnableOutputCaching: true, AllowCacheStorage: true }
            && response.StatusCode == StatusCodes.Status200OK
            && (response.ContentLength is null || response.ContentLength == page.Length)
            && !response.Headers.ContainsKey(HeaderNames.SetCookie)
            && !response.Headers.ContainsKey(HeaderNames.Vary)
            && context.User.Identity?.IsAuthenticated != true
            && rules.HeaderNames.Count == 0
            && rules.VaryByValues.Count == 0
            && string.IsNullOrEmpty(rules.CacheKeyPrefix);
    }

    private void Keep(
        HttpContext context, string key, KeyValuePair<string, StringValues>[] headers, byte[] page, OutputCacheContext outputCache, long generation)
    {
        var age = TimeSpan.Zero;
        var ageHeader = context.Response.Headers.Age;
        if (ageHeader.Count == 1 && long.TryParse(ageHeader[0], out var seconds) && seconds > 0)
        {
            age = TimeSpan.FromSeconds(seconds); // served by the output cache, stored that long ago
        }

        var remaining = (outputCache.ResponseExpirationTimeSpan ?? outputCacheOptions.Value.DefaultExpirationTimeSpan) - age;
        var copy = new PageCopy(
            headers,
            page,
            Environment.TickCount64 - (long)age.TotalMilliseconds,
            context.GetEndpoint(),
            [.. outputCache.Tags],
            generation);
        copies.Keep(key, copy, remaining < copies.Lifetime ? remaining : copies.Lifetime);
    }
}
