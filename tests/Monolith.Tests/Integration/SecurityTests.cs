using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;

namespace Monolith.Tests.Integration;

/// <summary>Headers, antiforgery, rate limits, HTTPS and cookies, as a browser or an attacker meets them.</summary>
public sealed partial class SecurityTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);
    private readonly List<AppFactory> _apps = [];

    [Theory]
    [InlineData("/")]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/Identity/Account/Register")]
    [InlineData("/no/such/page")]
    public async Task Every_html_response_carries_the_security_headers(string path)
    {
        using var response = await App().CreateBrowserLikeClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/Identity/Account/Register")]
    [InlineData("/Identity/Account/ForgotPassword")]
    public async Task Pages_have_no_inline_script_the_policy_would_block(string path)
    {
        var html = await App().CreateBrowserLikeClient().GetStringAsync(path, TestContext.Current.CancellationToken);

        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(EventHandlerAttribute(), html);
        Assert.DoesNotMatch(StyleAttribute(), html);
        Assert.DoesNotContain("https://", string.Join(' ', ScriptSources().Matches(html).Select(m => m.Value)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_post_without_an_antiforgery_token_is_rejected()
    {
        var client = App().CreateBrowserLikeClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "someone@example.com",
            ["Input.Password"] = TestUsers.Password,
        });

        using var response = await client.PostAsync("/Identity/Account/Login", form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Mvc_post_is_rejected_without_a_token_and_accepted_with_one()
    {
        var client = App(configureServices: services =>
            services.AddControllersWithViews().AddApplicationPart(typeof(AntiforgeryProbeController).Assembly)).CreateBrowserLikeClient();
        var token = await client.GetStringAsync("/test/antiforgery", TestContext.Current.CancellationToken);

        using var forged = await client.PostAsync("/test/antiforgery", null, TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/test/antiforgery") { Headers = { { "RequestVerificationToken", token } } };
        using var genuine = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Equal("accepted", await genuine.BodyAsync());
    }

    [Fact]
    public async Task Too_many_sign_in_posts_get_the_friendly_429_page_and_other_pages_still_work()
    {
        var client = App(new() { ["Accounts:AbuseLimitPerMinute"] = "3" }).CreateBrowserLikeClient();
        var fields = new Dictionary<string, string> { ["Input.Email"] = "victim@example.com", ["Input.Password"] = "guess" };
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var allowed = await client.SubmitFormAsync("/Identity/Account/Login", fields);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await client.SubmitFormAsync("/Identity/Account/Login", fields);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("60", Header(limited, "Retry-After"));
        var html = await limited.BodyAsync();
        Assert.Contains("Too many requests", html, StringComparison.Ordinal);
        Assert.Contains("Wait a minute", html, StringComparison.Ordinal);
        using var page = await client.GetAsync("/Identity/Account/Login", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var forgot = await client.SubmitFormAsync("/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = "victim@example.com" });
        Assert.Equal(HttpStatusCode.Redirect, forgot.StatusCode);
    }

    [Fact]
    public async Task Production_redirects_http_to_https_and_sends_hsts_only_over_https()
    {
        var app = App(new() { ["https_port"] = "443" }, environment: "Production");

        using var http = await Client(app, "http://shop.example").GetAsync("/", TestContext.Current.CancellationToken);
        using var https = await Client(app, "https://shop.example").GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, http.StatusCode);
        Assert.Equal("https://shop.example/", http.Headers.Location?.ToString());
        Assert.False(http.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
        Assert.Equal("max-age=31536000", Header(https, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task Development_neither_redirects_nor_sends_hsts()
    {
        var app = App(new() { ["https_port"] = "443" });

        using var http = await Client(app, "http://shop.example").GetAsync("/", TestContext.Current.CancellationToken);
        using var https = await Client(app, "https://shop.example").GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, http.StatusCode);
        Assert.False(https.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Production_sign_in_cookie_is_secure_http_only_and_same_site_lax()
    {
        var app = App(environment: "Production");
        var email = await TestUsers.CreateAsync(app.Services);
        var client = Client(app, "https://shop.example");

        using var signIn = await client.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = TestUsers.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    private AppFactory App(
        Dictionary<string, string?>? settings = null, string environment = "Development",
        Action<IServiceCollection>? configureServices = null)
    {
        var merged = new Dictionary<string, string?>(_database.Settings);
        foreach (var (key, value) in settings ?? [])
        {
            merged[key] = value;
        }

        var app = new AppFactory(merged, environment, configureServices);
        _apps.Add(app);
        return app;
    }

    private static HttpClient Client(AppFactory app, string baseAddress) =>
        app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri(baseAddress) });

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[^>]+\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    [GeneratedRegex(@"<[^>]+\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex(@"<script[^>]*\bsrc=""[^""]*""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSources();
}

/// <summary>An MVC form endpoint for the global antiforgery filter to guard; added only by the test above.</summary>
[Route("test/antiforgery")]
public sealed class AntiforgeryProbeController(IAntiforgery antiforgery) : Controller
{
    [HttpGet]
    public string Token() => antiforgery.GetAndStoreTokens(HttpContext).RequestToken!;

    [HttpPost]
    public IActionResult Submit() => Content("accepted");
}
