using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Testing;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;
using Monolith.Web.Observability;

namespace Monolith.Tests.Integration.Observability;

/// <summary><c>Observability:TraceSampleRatio</c> decides which requests are recorded; every request keeps its trace id.</summary>
public sealed class TraceSamplingTests : IAsyncDisposable
{
    private const string SampledHeader = "X-Test-Sampled";
    private const string Parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-";

    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);
    private readonly CapturedLog _log = new();

    [Theory]
    [InlineData("0", false)]
    [InlineData("1", true)]
    public async Task New_traces_are_recorded_by_the_ratio_and_keep_their_trace_id_in_header_and_log_either_way(string ratio, bool recorded)
    {
        await using var app = Start(ratio);

        using var response = await app.CreateBrowserLikeClient().GetAsync("/test/trace", Token);

        Assert.Equal(recorded, bool.Parse(Assert.Single(response.Headers.GetValues(SampledHeader))));
        var traceId = Assert.Single(response.Headers.GetValues(ObservabilityRegistration.TraceIdHeader));
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        Assert.Equal(traceId, (await _log.RequestLineAsync("/test/trace")).TraceId?.ToHexString());
    }

    [Theory]
    [InlineData("01", true)]
    [InlineData("00", false)]
    public async Task A_callers_sampling_decision_is_followed_whatever_the_ratio(string callerFlags, bool recorded)
    {
        await using var app = Start(ratio: recorded ? "0" : "1");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/test/trace");
        request.Headers.Add("traceparent", Parent + callerFlags);

        using var response = await app.CreateBrowserLikeClient().SendAsync(request, Token);

        Assert.Equal(recorded, bool.Parse(Assert.Single(response.Headers.GetValues(SampledHeader))));
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", Assert.Single(response.Headers.GetValues(ObservabilityRegistration.TraceIdHeader)));
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private AppFactory Start(string ratio)
    {
        var settings = new Dictionary<string, string?>(_database.Settings)
        {
            // Loopback port 9 (discard): exports fail quietly, recording decisions are what is tested.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
            ["Observability:TraceSampleRatio"] = ratio,
        };
        var app = new AppFactory(settings, "Production", services =>
        {
            _log.AddTo(services);
            services.AddSingleton<IStartupFilter, TraceEndpoint>();
        });
        _ = app.Server;
        return app;
    }

    private sealed class TraceEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/test/trace", branch => branch.Run(context =>
            {
                context.Response.Headers[SampledHeader] = (Activity.Current?.Recorded ?? false).ToString(CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            }));
        };
    }
}
