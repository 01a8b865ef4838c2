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
/// Test plumbing for "a signed-in user": a request carrying <see cref="Header"/> is signed in, through a
/// real authentication scheme, as the user whose id and name is the header's value — the way the
/// Identity cookie sets <c>HttpContext.User</c>.
/// </summary>
public sealed class TestSignIn(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Header = "X-Test-User";
    private const string SchemeName = "Test";

    public static void Register(IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestSignIn>(SchemeName, null);
        services.AddSingleton<IStartupFilter, Authenticate>();
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[Header] is not [{ Length: > 0 } user])
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user), new Claim(ClaimTypes.Name, user)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private sealed class Authenticate : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Named, not the default scheme: the app's own sign-in sets the defaults.
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
