namespace Monolith.Web.Caching;

/// <summary>The <c>Caching</c> configuration section. Redis itself is <c>Redis:Configuration</c>.</summary>
public sealed class CachingOptions
{
    public const string Section = "Caching";

    /// <summary>Most entries the in-process cache (L1) holds; past it the least recently used go first.</summary>
    public long MemorySizeLimit { get; set; } = 10_000;

    /// <summary>How long a value stays fresh when the caller gives no expiration.</summary>
    public TimeSpan DefaultDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an expired value may still be served when refreshing it fails (database or Redis down).</summary>
    public TimeSpan FailSafeMaxDuration { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long an output-cached page is served before it is rendered again.</summary>
    public TimeSpan PageDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a replica answers anonymous hits of a cached page from its own ready-to-send copy, before
    /// routing and authentication run; zero turns the copies off. Evictions reach every replica at once;
    /// this only bounds staleness while Redis is unreachable.
    /// </summary>
    public TimeSpan PageMemoryDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most bytes of page copies a replica keeps in memory; past it the least recently used go first.</summary>
    public long PageMemorySizeLimit { get; set; } = 32 * 1024 * 1024;

    /// <summary>Prefix of every Redis key and channel, so several apps can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "Monolith";
}
