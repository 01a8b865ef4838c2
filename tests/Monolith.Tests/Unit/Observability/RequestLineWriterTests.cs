using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Monolith.Web;
using Monolith.Web.Observability;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Parsing;

namespace Monolith.Tests.Unit.Observability;

/// <summary>The request line written past Serilog is, byte for byte, the line Serilog would have written.</summary>
public sealed class RequestLineWriterTests
{
    /// <summary>The request line's properties in the order the app's Serilog pipeline gives them (checked there too).</summary>
    public static readonly string[] PropertyOrder =
        ["RequestMethod", "RequestPath", "StatusCode", "Elapsed", "SourceContext", "UserId", "RequestId", "ConnectionId", "AppRole", "AppVersion"];

    [Theory]
    [InlineData("GET", "/", 404, 0.00005, "user-42")]
    [InlineData("POST", "/projects/42/edit", 302, 1234.56789, null)]
    [InlineData("GET", "/ !#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~", 200, 1e-7, "7f3c")]
    public void Writes_what_serilogs_formatter_writes_for_the_same_request(string method, string path, int status, double elapsedMs, string? userId)
    {
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();
        var context = Request(method, path, userId);

        var written = Write(context, status, elapsedMs);

        Assert.True(written.Length > 0);
        var timestamp = DateTimeOffset.Parse(
            JsonDocument.Parse(written).RootElement.GetProperty("@t").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        var expected = new StringWriter(CultureInfo.InvariantCulture);
        new RenderedCompactJsonFormatter().Format(SerilogEvent(timestamp, context, status, elapsedMs, activity), expected);
        Assert.Equal(expected.ToString(), written);
    }

    [Theory]
    [InlineData("/caf\u00e9", "user-1")]
    [InlineData("/quote\"d", "user-1")]
    [InlineData("/back\\slash", "user-1")]
    [InlineData("/line\nbreak", "user-1")]
    [InlineData("/", "us\u00e9r")]
    [InlineData("/", "tab\tbed")]
    public void Leaves_a_line_with_anything_json_escapes_to_serilog(string path, string userId)
    {
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();

        Assert.Equal("", Write(Request("GET", path, userId), 200, 1.5));
    }

    private static string Write(HttpContext context, int status, double elapsedMs)
    {
        var output = new MemoryStream();
        using (var sink = new BatchedStdoutSink(new RenderedCompactJsonFormatter(), output))
        {
            var writer = RequestLineWriter.Create(sink, "web")!;
            writer.TryWrite(context, status, elapsedMs);
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static DefaultHttpContext Request(string method, string path, string? userId)
    {
        var context = new DefaultHttpContext { TraceIdentifier = "0HNQCIAM9SP7P:000031D1" };
        context.Request.Method = method;
        context.Request.Path = path;
        context.Connection.Id = "0HNQCIAM9SP7P";
        if (userId is not null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "Test"));
        }

        return context;
    }

    // The event RequestLogMiddleware logs, as the app's enrichers complete it.
    private static LogEvent SerilogEvent(DateTimeOffset timestamp, HttpContext context, int status, double elapsedMs, Activity activity)
    {
        var values = new Dictionary<string, object?>
        {
            ["RequestMethod"] = context.Request.Method,
            ["RequestPath"] = context.Request.Path.Value,
            ["StatusCode"] = status,
            ["Elapsed"] = elapsedMs,
            ["SourceContext"] = typeof(RequestLogMiddleware).FullName,
            ["UserId"] = context.User.FindFirst(ClaimTypes.NameIdentifier)?.Value,
            ["RequestId"] = context.TraceIdentifier,
            ["ConnectionId"] = context.Connection.Id,
            ["AppRole"] = "web",
            ["AppVersion"] = AppInfo.Version,
        };
        return new LogEvent(
            timestamp,
            LogEventLevel.Information,
            exception: null,
            new MessageTemplateParser().Parse(RequestLogMiddleware.MessageTemplate),
            PropertyOrder.Where(name => values[name] is not null).Select(name => new LogEventProperty(name, new ScalarValue(values[name]))),
            activity.TraceId,
            activity.SpanId);
    }
}
