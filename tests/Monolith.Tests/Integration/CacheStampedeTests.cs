using Microsoft.Extensions.DependencyInjection;
using Monolith.Testing;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;

namespace Monolith.Tests.Integration;

public sealed class CacheStampedeTests
{
    [Fact]
    public async Task Hundred_concurrent_requests_for_one_cold_key_call_the_factory_once_per_replica()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        var prefix = CachingApps.NewKeyPrefix();
        await using var a = CachingApps.Create(database, TestServices.Redis, prefix);
        await using var b = CachingApps.Create(database, TestServices.Redis, prefix);
        using var clientA = a.CreateBrowserLikeClient();
        using var clientB = b.CreateBrowserLikeClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).SelectMany(_ => new[]
        {
            clientA.GetStringAsync("/test-pages/slow-value/report", TestContext.Current.CancellationToken),
            clientB.GetStringAsync("/test-pages/slow-value/report", TestContext.Current.CancellationToken),
        }));

        Assert.All(responses, response => Assert.Equal("value of report", response));
        Assert.Equal(1, a.Services.GetRequiredService<CallCounter>().Count);
        Assert.Equal(1, b.Services.GetRequiredService<CallCounter>().Count);
    }
}
