namespace Monolith.Web.Caching;

/// <summary>Named output-cache policies, for <c>[OutputCache(PolicyName = ...)]</c> or <c>.CacheOutput(...)</c>.</summary>
public static class CachePolicies
{
    /// <summary>
    /// A page that looks the same to every visitor who is not signed in (Django's <c>cache_page</c>):
    /// GET/HEAD 200 responses for anonymous requests only; never responses that set a cookie or
    /// requests of a signed-in user; kept <c>Caching:PageDuration</c>; tagged <see cref="CacheTags.Pages"/>.
    /// </summary>
    public const string AnonymousPage = "AnonymousPage";
}
