using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;

namespace Monolith.Tests.Integration;

/// <summary>The site as a visitor sees it, on each database provider.</summary>
public abstract class SiteTests<TApp>(TApp fixture) : IClassFixture<TApp>
    where TApp : AppFixture
{
    private readonly HttpClient _client = fixture.App.CreateBrowserLikeClient();

    [Fact]
    public async Task Home_page_renders_in_the_layout_with_bootstrap_from_the_identity_ui_package()
    {
        var html = await _client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("<nav class=\"navbar", html, StringComparison.Ordinal);
        Assert.Contains("/Identity/lib/bootstrap/dist/css/bootstrap.min.css", html, StringComparison.Ordinal);
        using var css = await _client.GetAsync("/Identity/lib/bootstrap/dist/css/bootstrap.min.css", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains("Bootstrap", await css.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        using var response = await _client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Unknown_page_gets_the_friendly_404_page()
    {
        using var response = await _client.GetAsync("/no/such/page", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_applied_every_migration_of_the_provider()
    {
        using var scope = fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var applied = await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(fixture.Database.Provider == DatabaseProvider.Postgres, db.Database.IsNpgsql());
    }
}

public sealed class SqliteSiteTests(SqliteApp fixture) : SiteTests<SqliteApp>(fixture);

public sealed class PostgresSiteTests(PostgresApp fixture) : SiteTests<PostgresApp>(fixture);
