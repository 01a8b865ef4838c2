using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Monolith.Web.Caching;

/// <summary>
/// Tells, before the authentication middleware runs, whether a request is anonymous. When the default
/// scheme is a plain cookie scheme (Identity's), a request without its cookie and without an
/// Authorization header cannot be signed in. Any other default scheme is asked to authenticate the
/// request; its answer is kept for the authentication middleware, so it is asked once.
/// </summary>
internal sealed class AnonymousRequests(IAuthenticationSchemeProvider schemes, IOptionsMonitor<CookieAuthenticationOptions> cookies)
{
    private Credentials? _credentials;

    private sealed record Credentials(string? Scheme, string? Cookie);

    public ValueTask<bool> IsAnonymousAsync(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey(HeaderNames.Authorization))
        {
            return ValueTask.FromResult(false);
        }

        return _credentials is { Cookie: { } cookie }
            ? ValueTask.FromResult(!context.Request.Cookies.ContainsKey(cookie))
            : AuthenticateAsync(context);
    }

    private async ValueTask<bool> AuthenticateAsync(HttpContext context)
    {
        var credentials = _credentials ??= await FindCredentialsAsync();
        if (credentials.Cookie is { } cookie)
        {
            return !context.Request.Cookies.ContainsKey(cookie);
        }

        return credentials.Scheme is null || !(await context.AuthenticateAsync(credentials.Scheme)).Succeeded;
    }

    private async Task<Credentials> FindCredentialsAsync()
    {
        if (await schemes.GetDefaultAuthenticateSchemeAsync() is not { } scheme)
        {
            return new(null, null);
        }

        if (scheme.HandlerType.IsAssignableTo(typeof(CookieAuthenticationHandler)))
        {
            var options = cookies.Get(scheme.Name);
            // A chunked cookie's first part carries the cookie's own name; forwarding or a custom cookie
            // manager could read credentials from elsewhere.
            if (options is { CookieManager: ChunkingCookieManager, ForwardAuthenticate: null, ForwardDefault: null, ForwardDefaultSelector: null }
                && options.Cookie.Name is { } name)
            {
                return new(scheme.Name, name);
            }
        }

        return new(scheme.Name, null);
    }
}
