using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Monolith.Web.Data;

namespace Monolith.Web.Accounts;

public static class AccountsRegistration
{
    /// <summary>Names the Data Protection key ring, so every replica (and every release) reads the same keys.</summary>
    public const string DataProtectionApplicationName = "Monolith";

    /// <summary>
    /// ASP.NET Core Identity with its built-in pages (in the site's layout), roles, lockout,
    /// confirmed email, 2FA, personal data; Data Protection keys in the database; rate limits on the
    /// account pages; whatever is cached under <c>CacheTags.Accounts</c> is dropped whenever users change.
    /// Needs <c>AddDatabase()</c>, <c>AddEmail()</c> and <c>AddCaching()</c>.
    /// </summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountsOptions>, AccountsOptionsValidator>();

        services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<AppDbContext>();

        services.AddDefaultIdentity<AppUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<LockingSignInManager>()
            .AddUserValidator<EmailAddressValidator>()
            .AddPasswordValidator<GuessablePasswordValidator>();
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountsOptions>>(
            (identity, accounts) => ConfigureIdentity(identity, accounts.Value));
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<AccountsOptions>>((cookie, accounts) =>
            {
                cookie.ExpireTimeSpan = TimeSpan.FromDays(accounts.Value.SessionDays);
                cookie.SlidingExpiration = true;
            });
        services.AddSingleton<IConfigureOptions<CookieAuthenticationOptions>, IdentityCookieSettings>();
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<AccountsOptions>>((stamp, accounts) =>
            stamp.ValidationInterval = TimeSpan.FromSeconds(accounts.Value.SessionCheckSeconds));

        services.AddRazorPages();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<AccountsOptions>>(
            (limits, accounts) => AccountRateLimits.Configure(limits, accounts.Value.AbuseLimitPerMinute));
        services.AddScoped<SuperuserCreator>();
        services.AddSingleton<IInterceptor, AccountsCacheInterceptor>();
        return builder;
    }

    /// <summary>Rate limits for the account pages and the pages themselves; call after <c>UseRouting()</c>.</summary>
    public static WebApplication MapAccounts(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        return app;
    }

    internal static CookieSecurePolicy CookieSecurity(AccountsOptions accounts, IHostEnvironment environment) =>
        AccountsOptionsValidator.ParseCookieSecure(accounts.CookieSecure)
        ?? (environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);

    private static void ConfigureIdentity(IdentityOptions identity, AccountsOptions accounts)
    {
        // AddDefaultIdentity caps key columns at 128 characters; the migrations (made without the app's
        // services) have no cap, and the model the app runs with must match them.
        identity.Stores.MaxLengthForKeys = 0;
        identity.SignIn.RequireConfirmedAccount = accounts.RequireConfirmedEmail;
        identity.SignIn.RequireConfirmedEmail = accounts.RequireConfirmedEmail;
        identity.User.RequireUniqueEmail = true;
        // The user name is the email address, which EmailAddressValidator checks with a clearer message.
        identity.User.AllowedUserNameCharacters = "";
        identity.Password.RequiredLength = accounts.PasswordMinLength;
        identity.Password.RequiredUniqueChars = 1;
        identity.Password.RequireDigit = false;
        identity.Password.RequireLowercase = false;
        identity.Password.RequireUppercase = false;
        identity.Password.RequireNonAlphanumeric = false;
        identity.Lockout.AllowedForNewUsers = true;
        identity.Lockout.MaxFailedAccessAttempts = accounts.LockoutMaxFailedAttempts;
        identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.LockoutMinutes);
    }
}
