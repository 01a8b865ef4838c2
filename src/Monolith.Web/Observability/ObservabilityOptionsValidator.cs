using Microsoft.Extensions.Options;

namespace Monolith.Web.Observability;

internal sealed class ObservabilityOptionsValidator : IValidateOptions<ObservabilityOptions>
{
    public ValidateOptionsResult Validate(string? name, ObservabilityOptions options)
    {
        if (options.ManagementPort is < 0 or > 65535)
        {
            return ValidateOptionsResult.Fail(
                $"Observability:ManagementPort must be between 1 and 65535, or 0 to turn it off, not {options.ManagementPort}.");
        }

        return options.HealthCheckTimeoutSeconds is > 0 and <= 60
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Observability:HealthCheckTimeoutSeconds must be more than 0 and at most 60.");
    }
}
