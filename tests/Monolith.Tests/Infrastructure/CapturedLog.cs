using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace Monolith.Tests.Infrastructure;

/// <summary>Every event the app logs, after its enrichers and filters, as the console would get it.</summary>
public sealed class CapturedLog : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    /// <summary>Registers this sink with the app (the app's logger reads sinks from its container).</summary>
    public void AddTo(IServiceCollection services) => services.AddSingleton<ILogEventSink>(this);

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>
    /// The one request log line of <paramref name="path"/>. It is written when the pipeline unwinds, which
    /// can be just after the client has the response, so it is waited for.
    /// </summary>
    public async Task<LogEvent> RequestLineAsync(string path)
    {
        for (var attempt = 0; attempt < 50 && !Events.Any(e => IsRequestLine(e, path)); attempt++)
        {
            await Task.Delay(100);
        }

        return Assert.Single(Events, e => IsRequestLine(e, path));
    }

    private static bool IsRequestLine(LogEvent logEvent, string path) =>
        logEvent.Properties.ContainsKey("StatusCode") && Scalar(logEvent, "RequestPath") == path;

    public static string? Scalar(LogEvent logEvent, string property) =>
        logEvent.Properties.TryGetValue(property, out var value) && value is ScalarValue scalar
            ? scalar.Value?.ToString()
            : null;
}
