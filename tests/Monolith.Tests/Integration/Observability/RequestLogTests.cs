using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monolith.Tests.Infrastructure;
using Monolith.Tests.Unit.Observability;
using Monolith.Web;
using Monolith.Web.Data;
using Monolith.Web.Observability;

namespace Monolith.Tests.Integration.Observability;

/// <summary>What the logs say about a request: who, where, which trace, and each exception exactly once.</summary>
public sealed class RequestLogTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);
    private readonly CapturedLog _log = new();
    private AppFactory _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = Start("Production");
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Request_line_carries_user_id_path_trace_role_and_version_in_the_direct_writers_order()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add(TestAuthentication.Header, TestAuthentication.User("user-42"));

        using var response = await _app.CreateBrowserLikeClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = await _log.RequestLineAsync("/");
        Assert.Equal("user-42", CapturedLog.Scalar(line, "UserId"));
        Assert.Equal("all", CapturedLog.Scalar(line, "AppRole"));
        Assert.Equal(AppInfo.Version, CapturedLog.Scalar(line, "AppVersion"));
        Assert.Equal(Assert.Single(response.Headers.GetValues(ObservabilityRegistration.TraceIdHeader)), line.TraceId?.ToHexString());
        Assert.NotNull(line.SpanId);
        Assert.Equal( // as a line written past Serilog has them; the test server has no connection id
            RequestLineWriterTests.PropertyOrder.Where(name => name != "ConnectionId"),
            line.Properties.Keys);
    }

    [Fact]
    public async Task Anonymous_request_line_has_no_user_id()
    {
        using var response = await _app.CreateBrowserLikeClient().GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await _log.RequestLineAsync("/")).Properties.ContainsKey("UserId"));
    }

    [Fact]
    public async Task Lines_logged_inside_a_request_carry_its_path_and_user()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/test/log");
        request.Headers.Add(TestAuthentication.Header, TestAuthentication.User("user-7"));

        using var response = await _app.CreateBrowserLikeClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = Assert.Single(_log.Events, e => e.MessageTemplate.Text == TestEndpoints.LogMessage);
        Assert.Equal("/test/log", CapturedLog.Scalar(line, "RequestPath"));
        Assert.Equal("user-7", CapturedLog.Scalar(line, "UserId"));
        Assert.Equal((await _log.RequestLineAsync("/test/log")).TraceId, line.TraceId);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Unhandled_exception_is_logged_once_on_the_request_line(string environment)
    {
        await using var app = Start(environment);

        using var response = await app.CreateBrowserLikeClient().GetAsync("/test/boom", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var line = await _log.RequestLineAsync("/test/boom");
        Assert.IsType<InvalidOperationException>(line.Exception);
        Assert.Equal("500", CapturedLog.Scalar(line, "StatusCode"));
        Assert.Single(_log.Events, e => e.Exception is not null);
    }

    [Fact]
    public async Task Failed_database_command_is_logged_once_on_the_request_line()
    {
        using var response = await _app.CreateBrowserLikeClient().GetAsync("/test/bad-query", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var line = await _log.RequestLineAsync("/test/bad-query");
        Assert.Contains("no_such_table", line.Exception?.Message, StringComparison.Ordinal);
        Assert.Single(_log.Events, e => e.Exception is not null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private AppFactory Start(string environment)
    {
        var app = new AppFactory(_database.Settings, environment, services =>
        {
            _log.AddTo(services);
            TestAuthentication.Register(services);
            services.AddSingleton<IStartupFilter, TestEndpoints>();
        });
        _ = app.Server;
        return app;
    }

    /// <summary>Endpoints after the app's own pipeline that log, throw, or fail in the database like a bug would.</summary>
    private sealed class TestEndpoints : IStartupFilter
    {
        public const string LogMessage = "Inside the request";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/test/log", branch => branch.Run(context =>
            {
                context.RequestServices.GetRequiredService<ILogger<TestEndpoints>>().LogInformation(LogMessage);
                return Task.CompletedTask;
            }));
            app.Map("/test/boom", branch => branch.Run(_ => throw new InvalidOperationException("boom")));
            app.Map("/test/bad-query", branch => branch.Run(async context =>
            {
                var db = context.RequestServices.GetRequiredService<AppDbContext>();
                await db.Database.ExecuteSqlRawAsync("SELECT * FROM no_such_table", context.RequestAborted);
            }));
        };
    }
}
