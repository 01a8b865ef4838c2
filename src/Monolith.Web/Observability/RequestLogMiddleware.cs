using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Serilog.Events;
using Serilog.Parsing;

namespace Monolith.Web.Observability;

/// <summary>
/// One line per request as it completes: method, path, status and elapsed milliseconds. An exception that
/// escaped, or that the error page handled, makes it an Error line carrying that exception (logged once,
/// here); probes and scrapes are Verbose, so they stay out of the log at the usual levels. Ordinary lines go
/// straight to stdout through <see cref="RequestLineWriter"/> when it is given; the rest, and every line
/// when Serilog's configuration adds sinks or enrichers, are Serilog events.
/// </summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, Serilog.ILogger logger, RequestLineWriter? directWriter)
{
    public const string MessageTemplate = "HTTP {RequestMethod:l} {RequestPath:l} responded {StatusCode} in {Elapsed:F4} ms";

    private static readonly MessageTemplate Template = new MessageTemplateParser().Parse(MessageTemplate);

    private readonly Serilog.ILogger _logger = logger.ForContext<RequestLogMiddleware>();

    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        catch (Exception e) when (LogCompletion(context, start, StatusCodes.Status500InternalServerError, e))
        {
            // Never reached: logging inside the filter keeps the request's activity and lets the exception go on.
        }

        LogCompletion(context, start, context.Response.StatusCode, context.Features.Get<IExceptionHandlerFeature>()?.Error);
    }

    private bool LogCompletion(HttpContext context, long start, int status, Exception? error)
    {
        var elapsedMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var level = error is not null || status >= 500 ? LogEventLevel.Error
            : ManagementEndpoints.IsOperational(context.Request.Path) ? LogEventLevel.Verbose
            : LogEventLevel.Information;
        if (!_logger.IsEnabled(level)
            || (level == LogEventLevel.Information && directWriter?.TryWrite(context, status, elapsedMs) == true))
        {
            return false;
        }

        var activity = Activity.Current;
        _logger.Write(new LogEvent(
            DateTimeOffset.Now,
            level,
            error,
            Template,
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(context.Request.Path.Value)),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsedMs)),
            ],
            activity?.TraceId ?? default,
            activity?.SpanId ?? default));
        return false;
    }
}
