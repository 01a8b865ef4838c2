using Monolith.Web.Caching;

namespace Monolith.Bench.Caching;

/// <summary>The app's caching battery, exactly as the app registers it, without the rest of the app.</summary>
internal static class BenchApp
{
    public static WebApplication Build(string redis, string keyPrefix)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["Redis:Configuration"] = redis;
        builder.Configuration["Caching:KeyPrefix"] = keyPrefix;
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0"); // serves nothing; any free loopback port
        builder.AddCaching();
        return builder.Build();
    }
}
