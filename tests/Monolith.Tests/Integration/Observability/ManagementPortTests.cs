using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Monolith.Testing;

namespace Monolith.Tests.Integration.Observability;

/// <summary>The real binary on Kestrel: metrics and the health report on the management port, never on the public one.</summary>
public sealed class ManagementPortTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("observability-").FullName;
    private readonly Uri _public = new($"http://127.0.0.1:{TestServices.FreeTcpPort()}");
    private readonly HttpClient _http = new();
    private AppProcess _app = null!;

    private Uri Management => new($"http://127.0.0.1:{_app.ManagementPort}");

    public async ValueTask InitializeAsync()
    {
        _app = AppProcess.Start(["--urls", _public.ToString()], new Dictionary<string, string>
        {
            ["Database__DataDirectory"] = _dataDirectory,
        });
        await _app.WaitUntilReadyAsync(new Uri(_public, "/readyz"), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Metrics_expose_request_durations_and_runtime_on_the_management_port()
    {
        for (var i = 0; i < 3; i++)
        {
            (await _http.GetAsync(_public, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }

        var metrics = await _http.GetStringAsync(new Uri(Management, "/metrics"), TestContext.Current.CancellationToken);

        // The second and third were answered from the page's copy in memory, and still count under its route.
        Assert.Matches(@"(?m)^http_server_request_duration_seconds_count\{.*http_route=""\{controller=Home\}/\{action=Index\}/\{id\?\}"".*\} ([3-9]|[1-9]\d+)(\s|$)", metrics);
        Assert.Matches(@"(?m)^dotnet_gc_collections_total\{", metrics);
        Assert.Matches(@"(?m)^dotnet_process_memory_working_set_bytes(\{.*\})? [1-9]", metrics);
        Assert.Matches(@"(?m)^kestrel_active_connections\{", metrics);
        Assert.Matches(@"(?m)^microsoft_entityframeworkcore_queries_total", metrics);
        Assert.DoesNotMatch(@"(?m)^http_server_request_duration_seconds_count\{.*http_route=""/(healthz|readyz|metrics)""", metrics); // probes and scrapes are not user traffic
        Assert.Matches(@"(?m)^aspnetcore_rate_limiting_requests_total\{", metrics); // rejections stay visible
        Assert.DoesNotMatch(@"(?m)^aspnetcore_(routing_match_attempts|rate_limiting_request_lease|authentication_authenticate)", metrics); // per-request costs nobody reads
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/health")]
    public async Task Operator_endpoints_are_absent_from_the_public_port_whatever_the_host_header(string path)
    {
        using var plain = await _http.GetAsync(new Uri(_public, path), TestContext.Current.CancellationToken);
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, new Uri(_public, path));
        spoofed.Headers.Host = $"127.0.0.1:{_app.ManagementPort}";
        using var spoofedResponse = await _http.SendAsync(spoofed, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, spoofedResponse.StatusCode);
        using var management = await _http.GetAsync(new Uri(Management, path), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, management.StatusCode);
    }

    [Fact]
    public async Task Management_port_serves_no_pages()
    {
        using var response = await _http.GetAsync(Management, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Health_report_lists_each_check_with_status_and_duration()
    {
        var json = await _http.GetStringAsync(new Uri(Management, "/health"), TestContext.Current.CancellationToken);

        var report = JsonDocument.Parse(json).RootElement;
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var database = report.GetProperty("checks").GetProperty("database");
        Assert.Equal("Healthy", database.GetProperty("status").GetString());
        Assert.True(database.GetProperty("durationMs").GetDouble() >= 0);
        Assert.Contains("ready", database.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Probes_answer_in_under_100_ms_on_both_ports(string path)
    {
        foreach (var origin in new[] { _public, Management })
        {
            var url = new Uri(origin, path);
            for (var warmUp = 0; warmUp < 5; warmUp++)
            {
                (await _http.GetAsync(url, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
            }

            var timings = new List<double>();
            for (var call = 0; call < 21; call++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await _http.GetAsync(url, TestContext.Current.CancellationToken);
                timings.Add(clock.Elapsed.TotalMilliseconds);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            var median = timings.Order().ElementAt(timings.Count / 2);
            Assert.True(median < 100, $"{url}: median {median:0.0} ms over {timings.Count} calls");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
