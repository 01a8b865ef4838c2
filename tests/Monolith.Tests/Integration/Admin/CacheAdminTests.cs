using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Caching;
using Monolith.Web.Data;

namespace Monolith.Tests.Integration.Admin;

/// <summary>The dashboard's cache statistics and its "flush by tag" form, on each database provider.</summary>
public abstract partial class CacheAdminTests<TApp>(TApp fixture) : IClassFixture<TApp>
    where TApp : AdminApp
{
    private readonly HttpClient _admin = fixture.Client(TestAuthentication.Admin());
    private readonly CancellationToken _cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dashboard_counts_this_replicas_cache_hits_and_misses()
    {
        var before = await StatsAsync();
        var signedIn = fixture.Client(TestAuthentication.User()); // signed in: no page cache, so the home page asks HybridCache
        await signedIn.GetStringAsync("/", _cancel);
        await signedIn.GetStringAsync("/", _cancel);

        var after = await StatsAsync();

        Assert.True(after.Hits >= before.Hits + 1, $"hits {before.Hits} → {after.Hits}");
        Assert.True(after.Hits + after.Misses >= before.Hits + before.Misses + 2);
        Assert.Equal(0, after.FailSafe);
    }

    [Fact]
    public async Task Dashboard_offers_the_known_tags()
    {
        var html = await _admin.GetStringAsync("/admin", _cancel);

        Assert.All(CacheTags.All, tag => Assert.Contains($"<option value=\"{tag}\"></option>", html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Flushing_a_tag_makes_the_cached_value_and_page_be_computed_again()
    {
        var visitor = fixture.Client(null);
        var email = await TestUsers.CreateAsync(fixture.App.Services);
        var shown = await AccountCountAsync(visitor);
        await DeleteAccountWithoutInvalidatingAsync(email); // as if someone had deleted the row by hand in the database
        Assert.Equal(shown, await AccountCountAsync(visitor)); // still the cached page (and value)

        using var flushed = await _admin.SubmitFormAsync("/admin", new Dictionary<string, string> { ["tag"] = CacheTags.Accounts }, postTo: "/admin/cache/flush");

        Assert.Equal(HttpStatusCode.Redirect, flushed.StatusCode);
        Assert.Equal(shown - 1, await AccountCountAsync(visitor));
        Assert.Contains($"tagged {CacheTags.Accounts} were flushed", await _admin.GetStringAsync("/admin", _cancel), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    public async Task A_missing_or_malformed_tag_is_400(string tag)
    {
        using var response = await _admin.SubmitFormAsync("/admin", new Dictionary<string, string> { ["tag"] = tag }, postTo: "/admin/cache/flush");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<int> AccountCountAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/", _cancel);
        return int.Parse(AccountCount().Match(html).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    /// <summary>A bulk delete skips SaveChanges, so nothing in the app hears of it.</summary>
    private async Task DeleteAccountWithoutInvalidatingAsync(string email)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.Users.Where(u => u.Email == email).ExecuteDeleteAsync(_cancel));
    }

    private async Task<(long Hits, long Misses, long FailSafe)> StatsAsync()
    {
        var html = await _admin.GetStringAsync("/admin", _cancel);
        long Stat(string name) => long.Parse(Regex.Match(html, $"data-stat=\"{name}\">([0-9]+)<").Groups[1].Value, CultureInfo.InvariantCulture);
        return (Stat("cache-hits"), Stat("cache-misses"), Stat("cache-fail-safe"));
    }

    [GeneratedRegex("id=\"account-count\">([0-9,]+) accounts")]
    private static partial Regex AccountCount();
}

public sealed class SqliteCacheAdminTests(SqliteAdminApp fixture) : CacheAdminTests<SqliteAdminApp>(fixture);

public sealed class PostgresCacheAdminTests(PostgresAdminApp fixture) : CacheAdminTests<PostgresAdminApp>(fixture);
