using Microsoft.Extensions.Configuration;
using Monolith.Web.Caching;
using StackExchange.Redis;

namespace Monolith.Tests.Unit;

public sealed class CachingOptionsValidatorTests
{
    [Fact]
    public void Defaults_without_redis_are_valid() => Assert.True(Validate(new CachingOptions()).Succeeded);

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public void Tiny_memory_size_limit_names_the_key(long limit) =>
        Assert.StartsWith("Caching:MemorySizeLimit", Assert.Single(Validate(new CachingOptions { MemorySizeLimit = limit }).Failures!), StringComparison.Ordinal);

    [Fact]
    public void Fail_safe_shorter_than_the_default_duration_names_both_keys() =>
        Assert.Equal(
            "Caching:FailSafeMaxDuration must not be shorter than Caching:DefaultDuration.",
            Assert.Single(Validate(new CachingOptions { DefaultDuration = TimeSpan.FromHours(1), FailSafeMaxDuration = TimeSpan.FromMinutes(1) }).Failures!));

    [Fact]
    public void Zero_page_duration_names_the_key() =>
        Assert.StartsWith("Caching:PageDuration", Assert.Single(Validate(new CachingOptions { PageDuration = TimeSpan.Zero }).Failures!), StringComparison.Ordinal);

    [Fact]
    public void Negative_page_memory_duration_names_the_key() =>
        Assert.StartsWith("Caching:PageMemoryDuration", Assert.Single(Validate(new CachingOptions { PageMemoryDuration = TimeSpan.FromSeconds(-1) }).Failures!), StringComparison.Ordinal);

    [Fact]
    public void Zero_page_memory_duration_is_valid() =>
        Assert.True(Validate(new CachingOptions { PageMemoryDuration = TimeSpan.Zero }).Succeeded);

    [Theory]
    [InlineData(1_048_575)]
    [InlineData(17_179_869_185)]
    public void Page_memory_size_limit_out_of_range_names_the_key(long limit) =>
        Assert.StartsWith("Caching:PageMemorySizeLimit", Assert.Single(Validate(new CachingOptions { PageMemorySizeLimit = limit }).Failures!), StringComparison.Ordinal);

    [Theory]
    [InlineData("")]
    [InlineData("my app")]
    public void Blank_or_spaced_key_prefix_names_the_key(string prefix) =>
        Assert.StartsWith("Caching:KeyPrefix", Assert.Single(Validate(new CachingOptions { KeyPrefix = prefix }).Failures!), StringComparison.Ordinal);

    [Fact]
    public void Malformed_redis_configuration_names_the_key() =>
        Assert.StartsWith("Redis:Configuration is malformed:", Assert.Single(Validate(new CachingOptions(), "redis:6379,noSuchOption=1").Failures!), StringComparison.Ordinal);

    [Fact]
    public void Redis_configuration_without_an_endpoint_names_the_key() =>
        Assert.Equal("Redis:Configuration names no host:port.", Assert.Single(Validate(new CachingOptions(), "abortConnect=false").Failures!));

    [Fact]
    public void Redis_gets_short_timeouts_and_never_blocks_start_up_or_queues_commands()
    {
        var options = RedisConnection.Options("redis:6379,password=secret");

        Assert.False(options.AbortOnConnectFail);
        Assert.Equal(BacklogPolicy.FailFast, options.BacklogPolicy);
        Assert.Equal(1_000, options.ConnectTimeout);
        Assert.Equal(500, options.SyncTimeout);
        Assert.Equal(500, options.AsyncTimeout);
        Assert.Equal("secret", options.Password);
    }

    [Fact]
    public void Timeouts_given_in_the_redis_configuration_win() =>
        Assert.Equal(3_000, RedisConnection.Options("redis:6379,connectTimeout=3000").ConnectTimeout);

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(CachingOptions options, string? redis = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Redis:Configuration"] = redis })
            .Build();
        return new CachingOptionsValidator(configuration).Validate(null, options);
    }
}
