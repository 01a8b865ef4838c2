using System.Net;
using System.Text;
using Monolith.Testing;

namespace Monolith.Tests.Integration;

/// <summary>
/// The real binary on Kestrel in Production, reached through a TLS-terminating proxy on loopback
/// (trusted by default): forwarded scheme and client address are honoured; oversized bodies are refused.
/// </summary>
public sealed class BehindProxyTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("app-proxy-").FullName;
    private readonly Uri _baseUrl = new($"http://127.0.0.1:{TestServices.FreeTcpPort()}");
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
    private AppProcess _app = null!;

    public async ValueTask InitializeAsync()
    {
        _app = AppProcess.Start(["--urls", _baseUrl.ToString()], new Dictionary<string, string>
        {
            ["Database__DataDirectory"] = _dataDirectory,
            ["Email__OutboxDirectory"] = Path.Combine(_dataDirectory, "outbox"),
            ["Accounts__AbuseLimitPerMinute"] = "2",
            ["Security__MaxRequestBodyBytes"] = "2048",
        });
        await _app.WaitUntilReadyAsync(new Uri(_baseUrl, "/readyz"), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Hsts_is_sent_when_the_proxy_says_the_visitor_used_https_and_not_otherwise()
    {
        // HSTS is never sent to localhost or 127.0.0.1, so the visitor asks for the site by its name.
        using var overTls = await Send(HttpMethod.Get, "/", ("X-Forwarded-Proto", "https"), ("Host", "shop.example"));
        using var plain = await Send(HttpMethod.Get, "/", ("Host", "shop.example"));

        Assert.Equal(HttpStatusCode.OK, overTls.StatusCode);
        Assert.Equal("max-age=31536000", string.Join(",", overTls.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Rate_limit_counts_each_forwarded_client_separately_and_shows_the_429_page_to_forged_posts()
    {
        var statuses = new List<HttpStatusCode>();
        var lastPage = "";
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await Send(HttpMethod.Post, "/Identity/Account/Login", ("X-Forwarded-For", "203.0.113.7"));
            statuses.Add(response.StatusCode);
            lastPage = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }

        using var otherClient = await Send(HttpMethod.Post, "/Identity/Account/Login", ("X-Forwarded-For", "203.0.113.8"));

        // Without an antiforgery token each POST is a 400, until the limit turns them into 429s.
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        Assert.Contains("Too many requests", lastPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, otherClient.StatusCode);
    }

    [Fact]
    public async Task Body_over_the_limit_gets_413()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUrl, "/Identity/Account/Register"))
        {
            Content = new StringContent("Input.Email=" + new string('a', 4096), Encoding.ASCII, "application/x-www-form-urlencoded"),
        };

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, new Uri(_baseUrl, path));
        if (method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "someone@example.com" });
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
