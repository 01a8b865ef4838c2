using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Monolith.Web.Accounts;

/// <summary>
/// Every cookie Identity writes (the session, the 2FA step, remember-this-browser) is HttpOnly,
/// Secure outside Development and SameSite=Lax unless configured otherwise.
/// </summary>
internal sealed class IdentityCookieSettings(IOptions<AccountsOptions> accounts, IHostEnvironment environment)
    : IConfigureNamedOptions<CookieAuthenticationOptions>
{
    public void Configure(string? name, CookieAuthenticationOptions options)
    {
        options.Cookie.HttpOnly = true;
        options.Cookie.SecurePolicy = AccountsRegistration.CookieSecurity(accounts.Value, environment);
        options.Cookie.SameSite = AccountsOptionsValidator.ParseSameSite(accounts.Value.CookieSameSite) ?? SameSiteMode.Lax;
    }

    public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);
}
