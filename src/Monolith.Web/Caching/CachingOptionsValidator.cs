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
        if (options.PageMemoryDuration < TimeSpan.Zero)
        {
            failures.Add("Caching:PageMemoryDuration must be a time span such as 00:00:10, or 00:00:00 to keep no page copies in memory.");
        }

        if (options.PageMemorySizeLimit is < 1_048_576 or > 17_179_869_184)
        {
            failures.Add("Caching:PageMemorySizeLimit must be between 1048576 and 17179869184 bytes.");
        }

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
