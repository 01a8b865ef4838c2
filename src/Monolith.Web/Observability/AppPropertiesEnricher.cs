using Serilog.Core;
using Serilog.Events;

namespace Monolith.Web.Observability;

/// <summary>The process's fixed properties (app role and version) on every event, made once rather than per event.</summary>
internal sealed class AppPropertiesEnricher(string role) : ILogEventEnricher
{
    private readonly LogEventProperty _role = new("AppRole", new ScalarValue(role));
    private readonly LogEventProperty _version = new("AppVersion", new ScalarValue(AppInfo.Version));

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        logEvent.AddPropertyIfAbsent(_role);
        logEvent.AddPropertyIfAbsent(_version);
    }
}
