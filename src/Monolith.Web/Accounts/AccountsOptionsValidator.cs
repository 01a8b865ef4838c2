using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Monolith.Web.Accounts;

internal sealed class AccountsOptionsValidator : IValidateOptions<AccountsOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountsOptions options)
    {
        var failures = new List<string>();
        Range(failures, "PasswordMinLength", options.PasswordMinLength, 8, 128);
        Range(failures, "LockoutMaxFailedAttempts", options.LockoutMaxFailedAttempts, 1, 100);
        Range(failures, "LockoutMinutes", options.LockoutMinutes, 1, 1440);
        Range(failures, "SessionDays", options.SessionDays, 1, 365);
        Range(failures, "SessionCheckSeconds", options.SessionCheckSeconds, 0, 86_400);
        Range(failures, "AbuseLimitPerMinute", options.AbuseLimitPerMinute, 1, 10_000);
        if (options.CookieSecure.Length > 0 && ParseCookieSecure(options.CookieSecure) is null)
        {
            failures.Add($"Accounts:CookieSecure must be Always or SameAsRequest, not '{options.CookieSecure}'.");
        }

        if (ParseSameSite(options.CookieSameSite) is null)
        {
            failures.Add($"Accounts:CookieSameSite must be Lax or Strict, not '{options.CookieSameSite}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static CookieSecurePolicy? ParseCookieSecure(string value) =>
        Enum.TryParse<CookieSecurePolicy>(value, ignoreCase: true, out var policy)
        && policy is CookieSecurePolicy.Always or CookieSecurePolicy.SameAsRequest
            ? policy
            : null;

    internal static SameSiteMode? ParseSameSite(string value) =>
        Enum.TryParse<SameSiteMode>(value, ignoreCase: true, out var mode) && mode is SameSiteMode.Lax or SameSiteMode.Strict
            ? mode
            : null;

    private static void Range(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"Accounts:{key} must be between {min} and {max}, not {value}.");
        }
    }
}
