using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monolith.Testing;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;
using Monolith.Web.Observability;

namespace Monolith.Tests.Integration.Observability;

/// <summary>Readiness follows the database: a PostgreSQL server of the test's own is stopped and started again.</summary>
public sealed class ReadinessTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Readyz_is_503_while_the_database_is_down_and_200_again_when_it_is_back_while_healthz_stays_200()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var app = new AppFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:MigrateOnStartup"] = "true",
            ["ConnectionStrings:Postgres"] = server.ConnectionString("app"),
            ["Observability:HealthCheckTimeoutSeconds"] = "1",
        }, environment: "Production");
        var client = app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/readyz"));

        await server.StopAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await EventuallyAsync(client, "/readyz", HttpStatusCode.ServiceUnavailable));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/healthz"));
        using var report = await app.CreateManagementClient().GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, report.StatusCode);
        Assert.Contains("\"database\":{\"status\":\"Unhealthy\"",
            await report.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        await server.StartAgainAsync();
        Assert.Equal(HttpStatusCode.OK, await EventuallyAsync(client, "/readyz", HttpStatusCode.OK));
    }

    [Fact]
    public async Task A_check_that_hangs_fails_readiness_after_the_configured_timeout()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        await using var app = new AppFactory(
            new Dictionary<string, string?>(database.Settings) { ["Observability:HealthCheckTimeoutSeconds"] = "0.5" },
            configureServices: services => services.AddHealthChecks().AddAsyncCheck("hangs", async cancellationToken =>
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return HealthCheckResult.Healthy();
            }, tags: [HealthTags.Ready]));
        var client = app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/healthz")); // started

        var clock = Stopwatch.StartNew();
        var status = await StatusAsync(client, "/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(5));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    /// <summary>Polls until the status is <paramref name="expected"/> or the bound passes, and returns the last status.</summary>
    private static async Task<HttpStatusCode> EventuallyAsync(HttpClient client, string path, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + Bound;
        var status = await StatusAsync(client, path);
        while (status != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            status = await StatusAsync(client, path);
        }

        return status;
    }
}
