using Microsoft.Extensions.DependencyInjection;

namespace Monolith.Tests.Infrastructure;

/// <summary>App instances ("replicas") for the caching tests, with the test sign-in and test pages added.</summary>
public static class CachingApps
{
    /// <summary>A key prefix of its own, so tests sharing one Redis never see each other's keys or messages.</summary>
    public static string NewKeyPrefix() => $"test{Guid.NewGuid():N}";

    public static AppFactory Create(TestDatabase database, string? redis, string keyPrefix, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(database.Settings)
        {
            ["Redis:Configuration"] = redis,
            ["Caching:KeyPrefix"] = keyPrefix,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = new AppFactory(all, configureServices: services =>
        {
            TestAuthentication.Register(services);
            services.AddSingleton<CallCounter>();
            services.AddControllersWithViews().AddApplicationPart(typeof(CachingTestPagesController).Assembly);
        });
        _ = app.Server; // starts the host (and its backplane subscription) now
        return app;
    }
}
