using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;
using Monolith.Web.Observability;

namespace Monolith.Tests.Integration.Observability;

/// <summary>Request lines skip Serilog only where nothing but the JSON on stdout would have seen them.</summary>
public sealed class RequestLineWriterSelectionTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);

    [Theory]
    [InlineData("Production", null, false, true)]
    [InlineData("Production", null, true, false)] // a sink in the container (as tests capture the log)
    [InlineData("Production", "Serilog:Properties:Site", false, false)] // a property Serilog adds to every event
    [InlineData("Development", null, false, false)] // readable text, not JSON
    public async Task Writes_past_serilog_only_for_json_on_stdout_alone(string environment, string? serilogKey, bool sinkInContainer, bool direct)
    {
        var settings = new Dictionary<string, string?>(_database.Settings);
        if (serilogKey is not null)
        {
            settings[serilogKey] = "shop";
        }

        await using var app = new AppFactory(settings, environment, services =>
        {
            if (sinkInContainer)
            {
                new CapturedLog().AddTo(services);
            }
        });

        var writer = RequestLineWriter.For(app.Services, app.Services.GetRequiredService<IConfiguration>());

        Assert.Equal(direct, writer is not null);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();
}
