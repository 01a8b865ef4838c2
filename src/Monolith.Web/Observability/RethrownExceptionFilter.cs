using Serilog.Core;
using Serilog.Events;

namespace Monolith.Web.Observability;

/// <summary>
/// An exception is logged once, where it is handled: for a request, that is the request log line
/// (with path, status and trace id). These sources log an exception and pass it on, so their copy is dropped.
/// </summary>
internal sealed class RethrownExceptionFilter : ILogEventFilter
{
    private static readonly HashSet<string> RethrowingSources =
    [
        "Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware",
        "Microsoft.AspNetCore.Diagnostics.DeveloperExceptionPageMiddleware",
        "Microsoft.EntityFrameworkCore.Database.Command",
        "Microsoft.EntityFrameworkCore.Query",
        "Microsoft.EntityFrameworkCore.Update",
    ];

    public bool IsEnabled(LogEvent logEvent) =>
        logEvent.Exception is null
        || !logEvent.Properties.TryGetValue(Serilog.Core.Constants.SourceContextPropertyName, out var source)
        || source is not ScalarValue { Value: string name }
        || !RethrowingSources.Contains(name);
}
