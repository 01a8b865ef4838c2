using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Monolith.Tests.Integration.Observability;

/// <summary>Exported request spans carry OpenTelemetry's HTTP attributes; probes and scrapes are never exported.</summary>
public sealed class RequestSpanTests : IAsyncDisposable
{
    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);
    private readonly List<Activity> _exported = [];

    [Fact]
    public async Task A_page_request_is_exported_with_method_route_path_and_status_and_probes_are_not()
    {
        var settings = new Dictionary<string, string?>(_database.Settings)
        {
            // Loopback port 9 (discard): the OTLP export fails quietly; the in-memory exporter is what is read.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
        };
        await using var app = new AppFactory(settings, "Production", services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_exported)));
        var client = app.CreateBrowserLikeClient();

        using (await client.GetAsync("/healthz", Token))
        using (await client.GetAsync("/readyz", Token))
        using (var page = await client.GetAsync("/pricing", Token))
        {
            page.EnsureSuccessStatusCode();
        }

        app.Services.GetRequiredService<TracerProvider>().ForceFlush();
        var requests = _exported.Where(span => span.Kind == ActivityKind.Server).ToList();
        var span = Assert.Single(requests);
        Assert.Equal("GET", span.GetTagItem("http.request.method"));
        Assert.Equal("/pricing", span.GetTagItem("url.path"));
        Assert.Equal(200, Convert.ToInt32(span.GetTagItem("http.response.status_code"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("pricing", span.GetTagItem("http.route"));
        Assert.Equal("GET pricing", span.DisplayName);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;
}
