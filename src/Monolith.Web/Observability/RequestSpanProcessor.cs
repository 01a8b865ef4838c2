using System.Diagnostics;
using System.Globalization;
using OpenTelemetry;

namespace Monolith.Web.Observability;

/// <summary>
/// Shapes ASP.NET Core's request spans. As one starts, a probe or scrape is marked not recorded, so the
/// exporter skips it. ASP.NET Core 10 tags a request only as it starts (method, path, scheme, host), so as
/// a recorded one ends it gets the rest: the response status, the matched route, the protocol, an error
/// for 5xx responses, and the "METHOD route" name OpenTelemetry's HTTP conventions ask for.
/// </summary>
internal sealed class RequestSpanProcessor(IHttpContextAccessor accessor) : BaseProcessor<Activity>
{
    public const string Source = "Microsoft.AspNetCore";

    public override void OnStart(Activity data)
    {
        if (IsRequest(data)
            && data.GetTagItem("url.path") is string path
            && ManagementEndpoints.IsOperational(new PathString(path)))
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            data.IsAllDataRequested = false;
        }
    }

    // Runs as ASP.NET Core stops the activity, still inside the request: the context is the request's.
    public override void OnEnd(Activity data)
    {
        if (!data.Recorded || !IsRequest(data) || accessor.HttpContext is not { } context)
        {
            return;
        }

        var status = context.Response.StatusCode;
        data.SetTag("http.response.status_code", status);
        data.SetTag("network.protocol.version", ProtocolVersion(context.Request.Protocol));
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        if (route is not null)
        {
            data.SetTag("http.route", route);
        }

        data.DisplayName = route is null ? context.Request.Method : $"{context.Request.Method} {route}";
        if (status >= 500)
        {
            data.SetTag("error.type", status.ToString(CultureInfo.InvariantCulture));
            data.SetStatus(ActivityStatusCode.Error);
        }
    }

    private static bool IsRequest(Activity activity) =>
        activity.Kind == ActivityKind.Server && activity.Source.Name == Source;

    private static string ProtocolVersion(string protocol) => protocol switch
    {
        "HTTP/1.1" => "1.1",
        "HTTP/2" => "2",
        "HTTP/3" => "3",
        "HTTP/1.0" => "1.0",
        _ => protocol,
    };
}
