using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Testing;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Caching;
using Monolith.Web.Data;
using StackExchange.Redis;

namespace Monolith.Tests.Integration;

/// <summary>The <see cref="CachePolicies.AnonymousPage"/> policy, with pages stored in Redis or in memory.</summary>
public abstract class OutputCacheTests(string? redis) : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);

    protected string Prefix { get; } = CachingApps.NewKeyPrefix();

    protected AppFactory App { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        App = CachingApps.Create(_database, redis, Prefix);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Anonymous_page_is_served_from_the_cache()
    {
        using var first = await GetAsync("/test-pages/whoami");
        using var second = await GetAsync("/test-pages/whoami");

        Assert.Equal("anonymous, render 1", await first.Content.ReadAsStringAsync(Token));
        Assert.Equal("anonymous, render 1", await second.Content.ReadAsStringAsync(Token));
        Assert.NotNull(second.Headers.Age);
    }

    [Fact]
    public async Task Signed_in_users_never_get_the_cached_anonymous_page_nor_each_others_pages()
    {
        Assert.Equal("anonymous, render 1", await GetStringAsync("/test-pages/whoami"));
        Assert.Equal("anonymous, render 1", await GetStringAsync("/test-pages/whoami"));

        Assert.Equal("alice, render 2", await GetStringAsync("/test-pages/whoami", user: "alice"));
        Assert.Equal("alice, render 3", await GetStringAsync("/test-pages/whoami", user: "alice"));
        Assert.Equal("bob, render 4", await GetStringAsync("/test-pages/whoami", user: "bob"));
        Assert.Equal("anonymous, render 1", await GetStringAsync("/test-pages/whoami"));
    }

    [Fact]
    public async Task Signed_in_user_gets_a_freshly_rendered_home_page()
    {
        using (await GetAsync("/"))
        {
        }

        using var anonymous = await GetAsync("/");
        using var signedIn = await GetAsync("/", user: "alice");

        Assert.NotNull(anonymous.Headers.Age);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Null(signedIn.Headers.Age);
    }

    [Fact]
    public async Task Response_that_sets_a_cookie_is_never_cached()
    {
        Assert.Equal("render 1", await GetStringAsync("/test-pages/with-cookie"));
        Assert.Equal("render 2", await GetStringAsync("/test-pages/with-cookie"));
    }

    [Fact]
    public async Task Invalidating_a_tag_evicts_the_pages_tagged_with_it()
    {
        Assert.Equal("anonymous, render 1", await GetStringAsync("/test-pages/whoami"));
        Assert.Equal("anonymous, render 1", await GetStringAsync("/test-pages/whoami"));

        await App.Services.GetRequiredService<CacheInvalidator>().InvalidateAsync("whoami", Token);

        Assert.Equal("anonymous, render 2", await GetStringAsync("/test-pages/whoami"));
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected async Task<HttpResponseMessage> GetAsync(string path, string? user = null)
    {
        using var client = App.CreateBrowserLikeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (user is not null)
        {
            request.Headers.Add(TestAuthentication.Header, TestAuthentication.User(user, user));
        }

        var response = await client.SendAsync(request, Token);
        response.EnsureSuccessStatusCode();
        return response;
    }

    private async Task<string> GetStringAsync(string path, string? user = null)
    {
        using var response = await GetAsync(path, user);
        return await response.Content.ReadAsStringAsync(Token);
    }
}

public sealed class InMemoryOutputCacheTests() : OutputCacheTests(redis: null);

public sealed class RedisOutputCacheTests() : OutputCacheTests(TestServices.Redis)
{
    [Fact]
    public async Task Pages_are_stored_in_redis_so_every_replica_shares_them()
    {
        using (await GetAsync("/test-pages/whoami"))
        {
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var keys = server.KeysAsync(pattern: $"{Prefix}:pages:*");
        Assert.True(await keys.AnyAsync(key => key.ToString().Contains("/test-pages/whoami", StringComparison.OrdinalIgnoreCase), Token));
    }
}
