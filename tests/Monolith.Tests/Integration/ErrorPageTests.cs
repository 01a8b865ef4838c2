using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;

namespace Monolith.Tests.Integration;

/// <summary>Outside Development, failures show a friendly page and never the exception.</summary>
public sealed class ErrorPageTests : IAsyncLifetime
{
    private const string Secret = "connection-string-password-s3cr3t";
    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);
    private AppFactory _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new AppFactory(_database.Settings, environment: "Production",
            configureServices: services => services.AddSingleton<IStartupFilter>(new ThrowingEndpoint()));
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Unhandled_exception_shows_the_500_page_without_details()
    {
        using var response = await _app.CreateBrowserLikeClient().GetAsync("/test/boom", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.Contains("error-reference", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(ThrowingEndpoint), html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_page_in_production_shows_the_404_page()
    {
        using var response = await _app.CreateBrowserLikeClient().GetAsync("/missing", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_page_requested_directly_is_a_404_not_an_echo_of_the_code()
    {
        using var response = await _app.CreateBrowserLikeClient().GetAsync("/error/500", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Adds, after the app's own pipeline, an endpoint that fails like a bug would.</summary>
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/test/boom", branch => branch.Run(_ => throw new InvalidOperationException(Secret)));
        };
    }
}
