using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Monolith.Testing;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Caching;
using Monolith.Web.Data;
using Monolith.Web.Observability;

namespace Monolith.Tests.Integration;

/// <summary>
/// Each replica answers anonymous hits of cached pages from a short-lived copy in memory, before the
/// pipeline runs; evictions still reach every replica, and signed-in visitors still get their own page.
/// </summary>
public sealed class CachedPageShortcutTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);
    private readonly List<AppFactory> _apps = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("01:00:00", 1)]
    [InlineData("00:00:00", 2)]
    public async Task While_redis_is_down_a_page_copied_in_memory_is_still_served_without_rendering(string pageMemoryDuration, int rendersAfterOutage)
    {
        await using var redis = await RedisServer.StartNewAsync();
        var app = Replica(redis.Configuration, CachingApps.NewKeyPrefix(), pageMemoryDuration);
        using var client = app.CreateBrowserLikeClient();
        Assert.Equal("anonymous, render 1", await client.GetStringAsync("/test-pages/whoami", Token));
        Assert.Equal("anonymous, render 1", await client.GetStringAsync("/test-pages/whoami", Token));

        await redis.StopAsync();

        using var response = await client.GetAsync("/test-pages/whoami", Token);
        Assert.Equal($"anonymous, render {rendersAfterOutage}", await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(rendersAfterOutage, app.Services.GetRequiredService<CallCounter>().Count);
    }

    [Fact]
    public async Task A_tag_evicted_through_one_replica_drops_the_other_replicas_memory_copy_within_a_second()
    {
        var prefix = CachingApps.NewKeyPrefix();
        var a = Replica(TestServices.Redis, prefix, pageMemoryDuration: "01:00:00");
        var b = Replica(TestServices.Redis, prefix, pageMemoryDuration: "01:00:00");
        using var clientA = a.CreateBrowserLikeClient();
        using var clientB = b.CreateBrowserLikeClient();
        var rendersOnB = b.Services.GetRequiredService<CallCounter>();
        Assert.Equal("anonymous, render 1", await clientA.GetStringAsync("/test-pages/whoami", Token));
        Assert.Equal("anonymous, render 1", await clientB.GetStringAsync("/test-pages/whoami", Token)); // A's page, via Redis
        Assert.Equal("anonymous, render 1", await clientB.GetStringAsync("/test-pages/whoami", Token)); // now from B's memory
        Assert.Equal(0, rendersOnB.Count);

        await a.Services.GetRequiredService<CacheInvalidator>().InvalidateAsync("whoami", Token);

        // B's copy would live an hour: B renders the page itself only because the eviction reached it.
        var elapsed = await CacheCoherenceTests.TimeUntilAsync(async () =>
        {
            await clientB.GetStringAsync("/test-pages/whoami", Token);
            return rendersOnB.Count == 1;
        });
        Assert.True(elapsed < Bound, $"B still served its copy after {elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Evicting_a_tag_retires_only_the_copies_that_carry_it()
    {
        await using var redis = await RedisServer.StartNewAsync();
        var app = Replica(redis.Configuration, CachingApps.NewKeyPrefix(), pageMemoryDuration: "01:00:00");
        using var client = app.CreateBrowserLikeClient();
        var invalidator = app.Services.GetRequiredService<CacheInvalidator>();
        Assert.Equal("anonymous, render 1", await client.GetStringAsync("/test-pages/whoami", Token));

        await invalidator.InvalidateAsync(CacheTags.Accounts, Token);
        await redis.StopAsync(); // from now on only the copy in memory can answer without rendering
        Assert.Equal("anonymous, render 1", await client.GetStringAsync("/test-pages/whoami", Token));

        await invalidator.InvalidateAsync("whoami", Token);
        Assert.Equal("anonymous, render 2", await client.GetStringAsync("/test-pages/whoami", Token));
    }

    [Fact]
    public async Task Each_anonymous_request_for_a_cacheable_page_is_counted_by_what_answered_it()
    {
        var prefix = CachingApps.NewKeyPrefix();
        var a = Replica(TestServices.Redis, prefix, pageMemoryDuration: "01:00:00");
        var b = Replica(TestServices.Redis, prefix, pageMemoryDuration: "01:00:00");
        using var pagesOnA = PageCounter(a);
        using var pagesOnB = PageCounter(b);

        using var clientA = a.CreateBrowserLikeClient();
        await clientA.GetStringAsync("/test-pages/whoami", Token); // rendered by A
        using var clientB = b.CreateBrowserLikeClient();
        await clientB.GetStringAsync("/test-pages/whoami", Token); // A's page, from the output cache in Redis
        await clientB.GetStringAsync("/test-pages/whoami", Token); // then from B's copy
        await clientB.GetStringAsync("/test-pages/whoami", Token);
        await clientB.GetStringAsync("/", Token); // rendered (anonymous pages of the app are cacheable too)

        Assert.Equal(new PageCounts(FromCopy: 0, FromOutputCache: 0, Rendered: 1), a.Services.GetRequiredService<CacheMetrics>().Read().Pages);
        Assert.Equal(new PageCounts(FromCopy: 2, FromOutputCache: 1, Rendered: 1), b.Services.GetRequiredService<CacheMetrics>().Read().Pages);
        Assert.Equal([("rendered", 1L)], Answers(pagesOnA));
        Assert.Equal([("copy", 2L), ("output_cache", 1L), ("rendered", 1L)], Answers(pagesOnB));
    }

    [Fact]
    public async Task A_visitor_signed_in_by_cookie_gets_their_own_page_not_the_anonymous_copy()
    {
        await using var redis = await RedisServer.StartNewAsync();
        var app = new AppFactory(CachingSettings(redis.Configuration, CachingApps.NewKeyPrefix(), "01:00:00"), configureServices: services =>
        {
            services.AddSingleton<CallCounter>();
            services.AddControllersWithViews().AddApplicationPart(typeof(CachingTestPagesController).Assembly);
        });
        _apps.Add(app);
        var email = await TestUsers.CreateAsync(app.Services);
        using var signedIn = app.CreateBrowserLikeClient();
        using (var signIn = await signedIn.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = TestUsers.Password,
        }))
        {
            Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        }

        using var anonymous = app.CreateBrowserLikeClient();
        Assert.Equal("anonymous, render 1", await anonymous.GetStringAsync("/test-pages/whoami", Token));
        await redis.StopAsync(); // from now on only the copy in memory can answer without rendering
        Assert.Equal("anonymous, render 1", await anonymous.GetStringAsync("/test-pages/whoami", Token));

        Assert.Equal($"{email}, render 2", await signedIn.GetStringAsync("/test-pages/whoami", Token));
        Assert.Equal("anonymous, render 1", await anonymous.GetStringAsync("/test-pages/whoami", Token));
    }

    [Theory]
    [InlineData("01:00:00")] // from the copy in memory
    [InlineData("00:00:00")] // from the output cache
    public async Task A_cached_page_carries_its_own_trace_id_its_age_and_the_security_headers(string pageMemoryDuration)
    {
        var app = Replica(redis: null, CachingApps.NewKeyPrefix(), pageMemoryDuration);
        using var client = app.CreateBrowserLikeClient();
        var traceIds = new HashSet<string>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/test-pages/whoami", Token);
            Assert.Equal("anonymous, render 1", await response.Content.ReadAsStringAsync(Token));
            traceIds.Add(Assert.Single(response.Headers.GetValues(ObservabilityRegistration.TraceIdHeader)));
        }

        await Task.Delay(TimeSpan.FromSeconds(1.1), Token);
        using var later = await client.GetAsync("/test-pages/whoami", Token);

        Assert.Equal(3, traceIds.Count);
        Assert.True(later.Headers.Age >= TimeSpan.FromSeconds(1), $"Age {later.Headers.Age}");
        Assert.Equal("nosniff", Assert.Single(later.Headers.GetValues("X-Content-Type-Options")));
        Assert.Single(later.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(1, app.Services.GetRequiredService<CallCounter>().Count);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static MetricCollector<long> PageCounter(AppFactory app) =>
        new(app.Services.GetRequiredService<IMeterFactory>(), CacheMetrics.MeterName, "app.cache.pages");

    private static (string, long)[] Answers(MetricCollector<long> pages) =>
    [
        .. pages.GetMeasurementSnapshot()
            .GroupBy(measurement => (string)measurement.Tags["answered_by"]!)
            .Select(answers => (answers.Key, answers.Sum(measurement => measurement.Value)))
            .OrderBy(answer => answer.Key, StringComparer.Ordinal),
    ];

    private AppFactory Replica(string? redis, string prefix, string pageMemoryDuration)
    {
        var app = CachingApps.Create(_database, redis, prefix, CachingSettings(redis, prefix, pageMemoryDuration));
        _apps.Add(app);
        return app;
    }

    private Dictionary<string, string?> CachingSettings(string? redis, string prefix, string pageMemoryDuration) =>
        new(_database.Settings)
        {
            ["Redis:Configuration"] = redis,
            ["Caching:KeyPrefix"] = prefix,
            ["Caching:PageDuration"] = "01:00:00",
            ["Caching:PageMemoryDuration"] = pageMemoryDuration,
        };
}
