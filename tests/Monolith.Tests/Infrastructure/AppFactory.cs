using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monolith.Web.Observability;

namespace Monolith.Tests.Infrastructure;

/// <summary>The app in memory, configured the way the tests ask (settings use the app's own keys).</summary>
public sealed class AppFactory(
    IReadOnlyDictionary<string, string?> settings,
    string environment = "Development",
    Action<IServiceCollection>? configureServices = null) : WebApplicationFactory<Program>
{
    // Dozens of hosts share one test process and one PostgreSQL server: one job worker per queue
    // each (instead of the production 2/4/1) keeps threads and connections within bounds.
    private static readonly Dictionary<string, string?> TestDefaults = new()
    {
        ["Jobs:Workers:critical"] = "1",
        ["Jobs:Workers:default"] = "1",
        ["Jobs:Workers:low"] = "1",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in TestDefaults.Concat(settings))
        {
            builder.UseSetting(key, value);
        }

        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client whose requests arrive on the management port (metrics, health report), as on Kestrel.</summary>
    public HttpClient CreateManagementClient()
    {
        var port = Services.GetRequiredService<IOptions<ObservabilityOptions>>().Value.ManagementPort;
        return new HttpClient(Server.CreateHandler(context => context.Connection.LocalPort = port))
        {
            BaseAddress = new Uri($"http://localhost:{port}"),
        };
    }
}
