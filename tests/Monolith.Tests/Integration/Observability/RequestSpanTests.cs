using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;
using Monolith.Web.Observability;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Monolith.Tests.Integration.Observability;

/// <summary>Exported request spans carry OpenTelemetry's HTTP attributes; probes and scrapes are never exported.</summary>
public sealed class RequestSpanTests : IAsyncDisposable
{
    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);
    private readonly ExportedSpans _exported = new();

    [Fact]
    public async Task A_page_request_is_exported_with_method_route_path_and_status_and_probes_are_not()
    {
        await using var app = Start(_ => { });
        var client = app.CreateBrowserLikeClient();

        using var liveness = await client.GetAsync("/healthz", Token);
        using var readiness = await client.GetAsync("/readyz", Token);
        using var page = await client.GetAsync("/pricing", Token);
        page.EnsureSuccessStatusCode();

        var span = Assert.Single(ExportedRequests(app, liveness, readiness, page));
        Assert.Equal("GET", span.GetTagItem("http.request.method"));
        Assert.Equal("/pricing", span.GetTagItem("url.path"));
        Assert.Equal(200, Convert.ToInt32(span.GetTagItem("http.response.status_code"), CultureInfo.InvariantCulture));
        Assert.Equal("pricing", span.GetTagItem("http.route"));
        Assert.Equal("GET pricing", span.DisplayName);
    }

    [Fact]
    public async Task A_request_that_fails_is_exported_as_an_error_with_its_status()
    {
        await using var app = Start(services => services.AddSingleton<IStartupFilter, FailingEndpoint>());

        using var response = await app.CreateBrowserLikeClient().GetAsync("/test/fail", Token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var span = Assert.Single(ExportedRequests(app, response));
        Assert.Equal(500, Convert.ToInt32(span.GetTagItem("http.response.status_code"), CultureInfo.InvariantCulture));
        Assert.Equal("500", span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private AppFactory Start(Action<IServiceCollection> configure)
    {
        var settings = new Dictionary<string, string?>(_database.Settings)
        {
            // Loopback port 9 (discard): the OTLP export fails quietly; the in-memory exporter is what is read.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
        };
        return new AppFactory(settings, "Production", services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_exported));
            configure(services);
        });
    }

    // Every tracer provider in the process hears every host's request activities (other tests run in
    // parallel), so only the spans of these responses' traces count.
    private Activity[] ExportedRequests(AppFactory app, params HttpResponseMessage[] responses)
    {
        app.Services.GetRequiredService<TracerProvider>().ForceFlush();
        var traces = responses.Select(r => Assert.Single(r.Headers.GetValues(ObservabilityRegistration.TraceIdHeader))).ToHashSet();
        return [.. _exported.Snapshot().Where(span => span.Kind == ActivityKind.Server && traces.Contains(span.TraceId.ToHexString()))];
    }

    /// <summary>The exporter adds from whichever thread ends an activity: a collection safe for that.</summary>
    private sealed class ExportedSpans : Collection<Activity>
    {
        public Activity[] Snapshot()
        {
            lock (Items)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (Items)
            {
                base.InsertItem(Items.Count, item);
            }
        }
    }

    private sealed class FailingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/test/fail", branch => branch.Run(_ => throw new InvalidOperationException("planned failure")));
        };
    }
}
