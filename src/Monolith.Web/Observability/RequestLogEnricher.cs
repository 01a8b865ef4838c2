using System.Security.Claims;
using Serilog.Core;
using Serilog.Events;

namespace Monolith.Web.Observability;

/// <summary>
/// Adds the request path and the signed-in user's id to every event logged during a request, and
/// blanks query strings, which carry tokens (password-reset links, sign-in codes).
/// </summary>
internal sealed class RequestLogEnricher(IHttpContextAccessor accessor) : ILogEventEnricher
{
    private const string QueryString = "QueryString";
    private const string RequestPath = "RequestPath";
    private static readonly LogEventProperty RedactedQueryString = new(QueryString, new ScalarValue("?[redacted]"));

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Properties.TryGetValue(QueryString, out var query) && query is ScalarValue { Value: string { Length: > 0 } })
        {
            logEvent.AddOrUpdateProperty(RedactedQueryString);
        }

        if (accessor.HttpContext is not { } context)
        {
            return;
        }

        if (!logEvent.Properties.ContainsKey(RequestPath)) // the request line has it already
        {
            logEvent.AddPropertyIfAbsent(new LogEventProperty(RequestPath, new ScalarValue(context.Request.Path.Value)));
        }

        if (UserId(context) is { } userId)
        {
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("UserId", userId));
        }
    }

    /// <summary>The signed-in user's id as log lines carry it (<see cref="RequestLineWriter"/> writes the same), or null.</summary>
    public static string? UserId(HttpContext context) => context.User.FindFirst(ClaimTypes.NameIdentifier)?.Value;
}
