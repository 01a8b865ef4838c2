using System.Reflection;

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

    /// <summary>Every tag declared here, for the admin's "flush by tag" form.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        .. typeof(CacheTags).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!),
    ];
}
