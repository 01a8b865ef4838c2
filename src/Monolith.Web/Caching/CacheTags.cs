namespace Monolith.Web.Caching;

/// <summary>
/// Tags shared by the code that caches data or pages and the code that changes that data:
/// <c>CacheInvalidator.InvalidateAsync(CacheTags.X)</c> drops both, on every replica.
/// </summary>
public static class CacheTags
{
    /// <summary>Every output-cached page.</summary>
    public const string Pages = "pages";

    /// <summary>Anything derived from the list of accounts (e.g. the count on the home page).</summary>
    public const string Accounts = "accounts";
}
