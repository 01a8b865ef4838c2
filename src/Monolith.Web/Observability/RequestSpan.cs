using System.Diagnostics;
using System.Globalization;

namespace Monolith.Web.Observability;

/// <summary>
/// Completes a recorded request span with what ASP.NET Core 10 adds only at its start (method, path,
/// scheme, host): the response status, the matched route, the protocol, and an error for 5xx responses,
/// named "METHOD route" as OpenTelemetry's HTTP conventions ask.
/// </summary>
internal static class RequestSpan
{
    public static void Complete(Activity activity, HttpContext context)
    {
        var status = context.Response.StatusCode;
        activity.SetTag("http.response.status_code", status);
        activity.SetTag("network.protocol.version", ProtocolVersion(context.Request.Protocol));
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        if (route is not null)
        {
            activity.SetTag("http.route", route);
        }

        activity.DisplayName = route is null ? context.Request.Method : $"{context.Request.Method} {route}";
        if (status >= 500)
        {
            activity.SetTag("error.type", status.ToString(CultureInfo.InvariantCulture));
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }

    private static string ProtocolVersion(string protocol) => protocol switch
    {
        "HTTP/1.1" => "1.1",
        "HTTP/2" => "2",
        "HTTP/3" => "3",
        "HTTP/1.0" => "1.0",
        _ => protocol,
    };
}
