using System.Text.Json;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Monolith.Web.Observability;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace Monolith.Web.Caching;

/// <summary>
/// <c>HybridCache</c> for data (FusionCache: bounded in-process L1, Redis L2 and backplane when
/// <c>Redis:Configuration</c> is set) and output caching for anonymous pages.
/// </summary>
public static class CachingRegistration
{
    // A Redis that fails or hangs is skipped for this long before it is tried again.
    private static readonly TimeSpan CircuitBreakerDuration = TimeSpan.FromSeconds(2);

    public static WebApplicationBuilder AddCaching(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CachingOptions>().BindConfiguration(CachingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CachingOptions>, CachingOptionsValidator>();
        services.AddOptions<FusionCacheOptions>().Configure<IOptions<CachingOptions>>((fusion, caching) =>
            ConfigureFusionCache(fusion, caching.Value));
        services.AddSingleton<CacheMetrics>();

        var fusionCache = services.AddFusionCache()
            .WithMemoryCache(sp => new MemoryCache(new MemoryCacheOptions
            {
                // Every entry has size 1 (see ConfigureFusionCache): the limit counts entries.
                SizeLimit = sp.GetRequiredService<IOptions<CachingOptions>>().Value.MemorySizeLimit,
            }))
            // Fields included so value tuples round-trip through Redis (dotnet/runtime#70352).
            .WithSerializer(new FusionCacheSystemTextJsonSerializer(new JsonSerializerOptions { IncludeFields = true }))
            .WithPlugin(sp => sp.GetRequiredService<CacheMetrics>())
            .AsHybridCache();

        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<CachingOptions>>((output, caching) =>
        {
            output.DefaultExpirationTimeSpan = caching.Value.PageDuration;
            // The built-in base policy already refuses signed-in users, Authorization headers,
            // responses that set cookies and anything but GET/HEAD 200.
            output.AddPolicy(CachePolicies.AnonymousPage, page => page.Tag(CacheTags.Pages));
        });
        services.AddSingleton<CacheInvalidator>();
        services.AddHostedService<CachingStartup>();

        if (RedisConnection.IsConfigured(builder.Configuration))
        {
            AddRedis(services, fusionCache);
        }

        services.AddSingleton<AnonymousRequests>();
        services.AddSingleton(sp => new PageCopies(
            sp.GetRequiredService<IOptions<CachingOptions>>().Value, sp.GetService<RedisConnection>(), sp.GetRequiredService<ILogger<PageCopies>>()));
        Decorate<IOutputCacheStore>(services, (sp, pages) => new PageEvictionNotifier(pages, sp.GetRequiredService<PageCopies>()));
        return builder;
    }

    /// <summary>
    /// Anonymous hits of cached pages answered from this replica's memory; before error pages, routing and
    /// authentication (<c>Caching:PageMemoryDuration</c> zero turns it off).
    /// </summary>
    public static WebApplication UseCachedPageShortcut(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<CachingOptions>>().Value.PageMemoryDuration > TimeSpan.Zero)
        {
            app.UseMiddleware<CachedPageShortcut>();
        }

        return app;
    }

    /// <summary>Output caching for endpoints that opt in with <see cref="CachePolicies.AnonymousPage"/>; after authentication.</summary>
    public static WebApplication UseCaching(this WebApplication app)
    {
        app.UseOutputCache();
        return app;
    }

    // Replaces the last registration of TService with a singleton wrapping what it would have made.
    private static void Decorate<TService>(IServiceCollection services, Func<IServiceProvider, TService, TService> decorate)
        where TService : class
    {
        var inner = services.Last(service => service.ServiceType == typeof(TService));
        services.Remove(inner);
        services.AddSingleton(sp => decorate(sp, (TService)(inner.ImplementationInstance
            ?? inner.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!))));
    }

    private static void ConfigureFusionCache(FusionCacheOptions fusion, CachingOptions caching)
    {
        fusion.CacheKeyPrefix = caching.KeyPrefix + ":";
        fusion.BackplaneChannelPrefix = caching.KeyPrefix;
        fusion.DistributedCacheCircuitBreakerDuration = CircuitBreakerDuration;
        fusion.BackplaneCircuitBreakerDuration = CircuitBreakerDuration;
        // The only handlers are counter increments (CacheMetrics): cheaper inline than queued.
        fusion.EnableSyncEventHandlersExecution = true;

        var entries = fusion.DefaultEntryOptions;
        entries.Duration = caching.DefaultDuration;
        entries.Size = 1;
        entries.IsFailSafeEnabled = true;
        entries.FailSafeMaxDuration = caching.FailSafeMaxDuration;
        entries.FailSafeThrottleDuration = TimeSpan.FromSeconds(30);
        // A slow Redis answer is abandoned after 100 ms when an older value can be served, after 1 s otherwise.
        entries.DistributedCacheSoftTimeout = TimeSpan.FromMilliseconds(100);
        entries.DistributedCacheHardTimeout = TimeSpan.FromSeconds(1);
        entries.AllowBackgroundDistributedCacheOperations = true;
        fusion.TagsDefaultEntryOptions.Size = 1;
    }

    private static void AddRedis(IServiceCollection services, IFusionCacheBuilder fusionCache)
    {
        services.AddSingleton<RedisConnection>();
        fusionCache
            .WithDistributedCache(sp => new RedisCache(Options.Create(new RedisCacheOptions
            {
                ConnectionMultiplexerFactory = sp.GetRequiredService<RedisConnection>().ConnectAsync,
            })))
            .WithBackplane(sp => new RedisBackplane(
                Options.Create(new RedisBackplaneOptions
                {
                    ConnectionMultiplexerFactory = sp.GetRequiredService<RedisConnection>().ConnectAsync,
                }),
                sp.GetService<ILogger<RedisBackplane>>()));

        services.AddStackExchangeRedisOutputCache(_ => { });
        Decorate<IOutputCacheStore>(services, (sp, redisPages) => new ResilientPageStore(
            (IOutputCacheBufferStore)redisPages, CircuitBreakerDuration, sp.GetRequiredService<ILogger<ResilientPageStore>>()));
        services.AddOptions<RedisOutputCacheOptions>().Configure<RedisConnection, IOptions<CachingOptions>>((output, redis, caching) =>
        {
            output.ConnectionMultiplexerFactory = redis.ConnectAsync;
            output.InstanceName = caching.Value.KeyPrefix + ":pages:";
        });

        // Degraded, not Unhealthy: without Redis every replica still serves from its own memory.
        services.AddHealthChecks().AddRedis(
            sp => sp.GetRequiredService<RedisConnection>().ConnectAsync().GetAwaiter().GetResult(),
            name: "redis",
            failureStatus: HealthStatus.Degraded,
            tags: [HealthTags.Ready],
            timeout: TimeSpan.FromSeconds(1));
    }
}
