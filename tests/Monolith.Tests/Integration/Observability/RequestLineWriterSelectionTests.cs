using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;
using Monolith.Web.Observability;
using Serilog.Core;
using Serilog.Events;

namespace Monolith.Tests.Integration.Observability;

/// <summary>Request lines skip Serilog only where nothing but the JSON on stdout would have seen them.</summary>
public sealed class RequestLineWriterSelectionTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);

    [Theory]
    [InlineData("Production", null, null, true)]
    [InlineData("Production", null, "sink", false)] // as tests capture the log
    [InlineData("Production", null, "enricher", false)]
    [InlineData("Production", "Serilog:Properties:Site", null, false)] // a property Serilog adds to every event
    [InlineData("Development", null, null, false)] // readable text, not JSON
    public async Task Writes_past_serilog_only_for_json_on_stdout_alone(string environment, string? serilogKey, string? inContainer, bool direct)
    {
        var settings = new Dictionary<string, string?>(_database.Settings);
        if (serilogKey is not null)
        {
            settings[serilogKey] = "shop";
        }

        await using var app = new AppFactory(settings, environment, services =>
        {
            if (inContainer == "sink")
            {
                new CapturedLog().AddTo(services);
            }
            else if (inContainer == "enricher")
            {
                services.AddSingleton<ILogEventEnricher, SiteEnricher>();
            }
        });

        var writer = RequestLineWriter.For(app.Services, app.Services.GetRequiredService<IConfiguration>());

        Assert.Equal(direct, writer is not null);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private sealed class SiteEnricher : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) =>
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("Site", "shop"));
    }
}
