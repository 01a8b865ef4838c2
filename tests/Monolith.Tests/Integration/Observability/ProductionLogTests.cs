using System.Net;
using System.Text.Json;
using Monolith.Testing;
using Monolith.Tests.Unit.Observability;
using Monolith.Web.Observability;

namespace Monolith.Tests.Integration.Observability;

/// <summary>The real binary's stdout in Production, with every log level turned up to the most verbose.</summary>
public sealed class ProductionLogTests
{
    private const string ConnectionPassword = "planted-db-password-7d1e";
    private const string QueryToken = "planted-query-token-93ab";
    private const string CookieValue = "planted-cookie-5c2f";
    private const string BearerToken = "planted-bearer-0e4d";
    private const string FormPassword = "planted-form-password-a8b6";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_line_is_json_request_lines_carry_the_response_trace_id_and_no_secret_is_ever_written()
    {
        await using var database = PostgresDatabase.NewName();
        var url = new Uri($"http://127.0.0.1:{TestServices.FreeTcpPort()}");
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = ConnectionPassword };
        await using var app = AppProcess.Start(["--urls", url.ToString()], new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["Database__MigrateOnStartup"] = "true",
            ["ConnectionStrings__Postgres"] = connection.ToString(),
            ["App__Role"] = "web",
            ["Serilog__MinimumLevel__Default"] = "Verbose",
            ["Serilog__MinimumLevel__Override__Microsoft.AspNetCore"] = "Verbose",
            ["Serilog__MinimumLevel__Override__Microsoft.EntityFrameworkCore"] = "Verbose",
        });
        await app.WaitUntilReadyAsync(new Uri(url, "/readyz"), Timeout);
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });

        using var page = new HttpRequestMessage(HttpMethod.Get, new Uri(url, $"/?token={QueryToken}"));
        page.Headers.Add("Cookie", $"session={CookieValue}");
        page.Headers.Add("Authorization", $"Bearer {BearerToken}");
        using var pageResponse = await http.SendAsync(page, TestContext.Current.CancellationToken);
        using var form = await http.PostAsync(new Uri(url, "/"),
            new FormUrlEncodedContent([new("email", "a@example.com"), new("password", FormPassword)]),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
        var traceId = Assert.Single(pageResponse.Headers.GetValues("X-Trace-Id"));
        Assert.Equal(0, await app.TerminateAsync(Timeout));

        var output = app.Stdout + app.Stderr;
        foreach (var secret in new[] { ConnectionPassword, QueryToken, CookieValue, BearerToken, FormPassword })
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        }

        var events = app.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement) // every line is JSON
            .ToList();
        Assert.True(events.Count > 20, $"only {events.Count} lines at the most verbose level");
        var requestLine = Assert.Single(events, e =>
            Text(e, "SourceContext") == typeof(RequestLogMiddleware).FullName && Text(e, "RequestMethod") == "GET" && Text(e, "RequestPath") == "/");
        Assert.Equal(traceId, Text(requestLine, "@tr"));
        Assert.Equal( // written past Serilog here, as only levels are configured: the same fields as Serilog writes
            RequestLineWriterTests.PropertyOrder.Where(name => name != "UserId"),
            requestLine.EnumerateObject().Select(p => p.Name).Where(name => !name.StartsWith('@')));
        foreach (var line in events.Where(e => Text(e, "@tr") == traceId))
        {
            Assert.Equal("/", Text(line, "RequestPath"));
            Assert.NotNull(Text(line, "@sp"));
            Assert.Equal("web", Text(line, "AppRole"));
            Assert.NotNull(Text(line, "AppVersion"));
        }
    }

    private static string? Text(JsonElement line, string property) =>
        line.TryGetProperty(property, out var value) ? value.ToString() : null;
}
