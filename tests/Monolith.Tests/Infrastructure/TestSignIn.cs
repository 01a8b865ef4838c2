using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monolith.Tests.Infrastructure;

/// <summary>
/// Signs a request in as the user named by its <c>X-Test-User</c> header, through a real
/// authentication scheme, so tests see <c>HttpContext.User</c> as the app's own sign-in sets it.
/// </summary>
public sealed class TestSignIn(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Header = "X-Test-User";
    private const string SchemeName = "Test";

    public static void AddTo(IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestSignIn>(SchemeName, null);
        services.AddSingleton<IStartupFilter, Authenticate>();
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[Header] is not [{ Length: > 0 } userId])
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private sealed class Authenticate : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Named, not the default scheme: the app's own sign-in may set the defaults.
            app.Use(async (context, nextMiddleware) =>
            {
                if ((await context.AuthenticateAsync(SchemeName)).Principal is { } user)
                {
                    context.User = user;
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
