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

        if (options.TraceSampleRatio is < 0 or > 1 or double.NaN)
        {
            return ValidateOptionsResult.Fail(
                $"Observability:TraceSampleRatio must be between 0 and 1 (e.g. 0.1 keeps one trace in ten), or empty, not {options.TraceSampleRatio}.");
        }

        return options.HealthCheckTimeoutSeconds is > 0 and <= 60
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Observability:HealthCheckTimeoutSeconds must be more than 0 and at most 60.");
    }
}
