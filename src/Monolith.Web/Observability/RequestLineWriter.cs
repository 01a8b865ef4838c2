using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Formatting.Compact;

namespace Monolith.Web.Observability;

/// <summary>
/// Writes an ordinary request line (Information, no exception) straight into the JSON stdout sink: the
/// compact JSON, field for field, that Serilog's formatter writes for the event
/// <see cref="RequestLogMiddleware"/> would log and its enrichers would complete (tests compare the two),
/// without building that event. The event, its enrichers and its formatting cost about 6 µs per request,
/// as much as everything else the app adds to a cached page (bench/caching). A value that JSON would have
/// to escape sends the line back to Serilog, so nothing here escapes.
/// </summary>
internal sealed class RequestLineWriter
{
    private static readonly SearchValues<char> PlainText = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private static readonly byte[] EventId = Encoding.ASCII.GetBytes(
        EventIdHash.Compute(RequestLogMiddleware.MessageTemplate).ToString("x8", CultureInfo.InvariantCulture));

    private static readonly string SourceContext = typeof(RequestLogMiddleware).FullName!;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_line;

    private readonly BatchedStdoutSink _sink;
    private readonly byte[] _appProperties;

    private RequestLineWriter(BatchedStdoutSink sink, string role)
    {
        _sink = sink;
        _appProperties = Encoding.ASCII.GetBytes($"\"AppRole\":\"{role}\",\"AppVersion\":\"{AppInfo.Version}\"");
    }

    /// <summary>A writer for this app's role and version, or null when they, or its name, would need escaping.</summary>
    public static RequestLineWriter? Create(BatchedStdoutSink sink, string role) =>
        IsPlain(role) && IsPlain(AppInfo.Version) && IsPlain(SourceContext) ? new RequestLineWriter(sink, role) : null;

    /// <summary>
    /// A writer when the log is JSON on stdout and nothing else reads it. A line written here reaches stdout
    /// only, with the properties this writer knows: so none while Serilog's configuration adds a sink,
    /// enricher, property or filter, or the container holds a sink, enricher or filter besides the app's.
    /// </summary>
    public static RequestLineWriter? For(IServiceProvider services, IConfiguration configuration) =>
        services.GetService<BatchedStdoutSink>() is { } stdout
        && configuration.GetSection("Serilog").GetChildren().All(section => section.Key is "MinimumLevel" or "Using")
        && !services.GetServices<ILogEventSink>().Any()
        && services.GetServices<ILogEventEnricher>().All(enricher => enricher is RequestLogEnricher)
        && services.GetServices<ILogEventFilter>().All(filter => filter is RethrownExceptionFilter)
            ? Create(stdout, ObservabilityRegistration.RoleName(configuration))
            : null;

    /// <summary>Writes the line and returns true, or returns false for Serilog to log it; never throws.</summary>
    public bool TryWrite(HttpContext context, int status, double elapsedMs)
    {
        try
        {
            return TryWriteLine(context, status, elapsedMs);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            SelfLog.WriteLine("Writing a request line failed: {0}", e);
            return false;
        }
    }

    private bool TryWriteLine(HttpContext context, int status, double elapsedMs)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value;
        var requestId = context.TraceIdentifier;
        var connectionId = context.Connection.Id;
        var userId = RequestLogEnricher.UserId(context);
        if (!IsPlain(method) || !IsPlain(path) || !IsPlain(requestId) || !IsPlain(connectionId) || (userId is not null && !IsPlain(userId)))
        {
            return false;
        }

        var line = t_line ??= new ArrayBufferWriter<byte>(1024);
        line.ResetWrittenCount();
        line.Write("{\"@t\":\""u8);
        Format(line, DateTime.UtcNow, "O");
        line.Write("\",\"@m\":\"HTTP "u8);
        Text(line, method);
        line.Write(" "u8);
        Text(line, path);
        line.Write(" responded "u8);
        Format(line, status, null);
        line.Write(" in "u8);
        Format(line, elapsedMs, "F4");
        line.Write(" ms\",\"@i\":\""u8);
        line.Write(EventId);
        line.Write("\""u8);
        if (Activity.Current is { } activity)
        {
            StringProperty(line, ",\"@tr\":\""u8, activity.TraceId.ToHexString());
            StringProperty(line, ",\"@sp\":\""u8, activity.SpanId.ToHexString());
        }

        StringProperty(line, ",\"RequestMethod\":\""u8, method);
        StringProperty(line, ",\"RequestPath\":\""u8, path);
        line.Write(",\"StatusCode\":"u8);
        Format(line, status, null);
        line.Write(",\"Elapsed\":"u8);
        Format(line, elapsedMs, "R");
        StringProperty(line, ",\"SourceContext\":\""u8, SourceContext);
        if (userId is not null)
        {
            StringProperty(line, ",\"UserId\":\""u8, userId);
        }

        StringProperty(line, ",\"RequestId\":\""u8, requestId);
        StringProperty(line, ",\"ConnectionId\":\""u8, connectionId);
        line.Write(","u8);
        line.Write(_appProperties);
        line.Write("}\n"u8);
        _sink.Write(line.WrittenSpan);
        return true;
    }

    private static bool IsPlain([NotNullWhen(true)] string? value) => value is not null && !value.AsSpan().ContainsAnyExcept(PlainText);

    // nameAndOpening: the separator, the quoted name, the colon and the value's opening quote.
    private static void StringProperty(ArrayBufferWriter<byte> line, ReadOnlySpan<byte> nameAndOpening, string plain)
    {
        line.Write(nameAndOpening);
        Text(line, plain);
        line.Write("\""u8);
    }

    private static void Text(ArrayBufferWriter<byte> line, string plain)
    {
        Ascii.FromUtf16(plain, line.GetSpan(plain.Length), out var written);
        line.Advance(written);
    }

    private static void Format<T>(ArrayBufferWriter<byte> line, T value, string? format)
        where T : IUtf8SpanFormattable
    {
        value.TryFormat(line.GetSpan(64), out var written, format, CultureInfo.InvariantCulture);
        line.Advance(written);
    }
}
