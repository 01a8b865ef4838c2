using Microsoft.Extensions.Options;

namespace Monolith.Web.Caching;

internal sealed class CachingOptionsValidator(IConfiguration configuration) : IValidateOptions<CachingOptions>
{
    public ValidateOptionsResult Validate(string? name, CachingOptions options)
    {
        var failures = new List<string>();
        if (options.MemorySizeLimit is < 100 or > 100_000_000)
        {
            failures.Add("Caching:MemorySizeLimit must be between 100 and 100000000 entries.");
        }

        RequirePositive(failures, "Caching:DefaultDuration", options.DefaultDuration);
        RequirePositive(failures, "Caching:PageDuration", options.PageDuration);
        if (options.FailSafeMaxDuration < options.DefaultDuration)
        {
            failures.Add("Caching:FailSafeMaxDuration must not be shorter than Caching:DefaultDuration.");
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix) || options.KeyPrefix.Any(char.IsWhiteSpace))
        {
            failures.Add("Caching:KeyPrefix must be a non-empty word without spaces.");
        }

        if (RedisConnection.Problem(configuration) is { } redisProblem)
        {
            failures.Add(redisProblem);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} must be a positive time span such as 00:05:00.");
        }
    }
}
