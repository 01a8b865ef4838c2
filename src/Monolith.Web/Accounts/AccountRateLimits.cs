using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Monolith.Web.Accounts;

/// <summary>
/// Every POST to the account pages (sign-in, sign-up, 2FA, password reset, resend confirmation…) is
/// limited per client address and page, so guessing passwords or codes and mail-bombing do not scale.
/// Over the limit the visitor gets the friendly 429 page with a Retry-After header.
/// </summary>
internal static class AccountRateLimits
{
    private const string AccountPages = "/Identity/Account";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static void Configure(RateLimiterOptions options, int permitsPerMinute)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = (context, _) =>
        {
            context.HttpContext.Response.Headers.RetryAfter = ((int)Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ValueTask.CompletedTask;
        };
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            HttpMethods.IsPost(context.Request.Method)
            && context.Request.Path.StartsWithSegments(AccountPages, StringComparison.OrdinalIgnoreCase)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    $"{context.Connection.RemoteIpAddress}|{context.Request.Path.Value?.ToUpperInvariant()}",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = Window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
    }
}
