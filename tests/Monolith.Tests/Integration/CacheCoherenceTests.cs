using System.Diagnostics;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Testing;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Caching;
using Monolith.Web.Data;

namespace Monolith.Tests.Integration;

/// <summary>Two replicas on one PostgreSQL database and one Redis: what one changes, the other sees.</summary>
public sealed class CacheCoherenceTests : IAsyncLifetime
{
    // Entries live an hour, so a fresh read within this bound can only come from invalidation.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);
    private static readonly HybridCacheEntryOptions LongLived = new() { Expiration = TimeSpan.FromHours(1), LocalCacheExpiration = TimeSpan.FromHours(1) };

    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Postgres);
    private AppFactory _a = null!;
    private AppFactory _b = null!;

    public ValueTask InitializeAsync()
    {
        var prefix = CachingApps.NewKeyPrefix();
        _a = CachingApps.Create(_database, TestServices.Redis, prefix);
        _b = CachingApps.Create(_database, TestServices.Redis, prefix);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Value_replaced_through_one_replica_is_seen_fresh_by_the_other_within_a_second()
    {
        var a = _a.Services.GetRequiredService<HybridCache>();
        var b = _b.Services.GetRequiredService<HybridCache>();
        await a.SetAsync("plan:pro", "19 EUR", LongLived, cancellationToken: Token);
        Assert.Equal("19 EUR", await ReadAsync(b, "plan:pro")); // now in B's memory for an hour

        await a.SetAsync("plan:pro", "29 EUR", LongLived, cancellationToken: Token);

        var elapsed = await TimeUntilAsync(async () => await ReadAsync(b, "plan:pro") == "29 EUR");
        Assert.True(elapsed < Bound, $"B still served the old value after {elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Removing_a_tag_through_one_replica_drops_the_tagged_entries_on_the_other()
    {
        var a = _a.Services.GetRequiredService<HybridCache>();
        var b = _b.Services.GetRequiredService<HybridCache>();
        var calls = 0;
        async Task<string> ReadPriceAsync() => await b.GetOrCreateAsync(
            "price:starter", _ => ValueTask.FromResult($"price #{Interlocked.Increment(ref calls)}"), LongLived, ["prices"], Token);
        Assert.Equal("price #1", await ReadPriceAsync());
        Assert.Equal("price #1", await ReadPriceAsync()); // cached on B

        await a.RemoveByTagAsync("prices", Token);

        var elapsed = await TimeUntilAsync(async () => await ReadPriceAsync() == "price #2");
        Assert.True(elapsed < Bound, $"B still served the tagged entry after {elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task An_account_added_through_one_replica_shows_on_both_replicas_home_pages_within_a_second()
    {
        using var clientA = _a.CreateBrowserLikeClient();
        using var clientB = _b.CreateBrowserLikeClient();
        Assert.Contains("0 accounts so far", await clientA.GetStringAsync("/", Token), StringComparison.Ordinal);
        Assert.Contains("0 accounts so far", await clientB.GetStringAsync("/", Token), StringComparison.Ordinal);
        using (var cached = await clientB.GetAsync("/", Token))
        {
            Assert.NotNull(cached.Headers.Age); // B serves the page from the cache
        }

        using (var scope = _a.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Users.Add(new AppUser { UserName = "ada@example.com", Email = "ada@example.com" });
            await db.SaveChangesAsync(Token); // no explicit invalidation: saving a user drops CacheTags.Accounts
        }

        var elapsed = await TimeUntilAsync(async () =>
            (await clientB.GetStringAsync("/", Token)).Contains("1 accounts so far", StringComparison.Ordinal));
        Assert.True(elapsed < Bound, $"B still served the old page after {elapsed.TotalMilliseconds:F0} ms");
        Assert.Contains("1 accounts so far", await clientA.GetStringAsync("/", Token), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<string> ReadAsync(HybridCache cache, string key) =>
        await cache.GetOrCreateAsync(key, _ => ValueTask.FromResult("(missing)"), LongLived, cancellationToken: Token);

    /// <summary>Polls <paramref name="condition"/> for up to 10 s and returns how long it took to hold.</summary>
    internal static async Task<TimeSpan> TimeUntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException("The condition did not hold within 10 s.");
            }

            await Task.Delay(5, Token);
        }

        return clock.Elapsed;
    }
}
