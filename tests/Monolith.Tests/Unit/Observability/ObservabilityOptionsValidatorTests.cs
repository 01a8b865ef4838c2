using Monolith.Web.Observability;

namespace Monolith.Tests.Unit.Observability;

public sealed class ObservabilityOptionsValidatorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(9090)]
    [InlineData(65535)]
    public void Accepts_a_port_or_zero(int port)
    {
        Assert.True(Validate(new ObservabilityOptions { ManagementPort = port }).Succeeded);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Rejects_a_port_out_of_range_naming_the_key(int port)
    {
        var result = Validate(new ObservabilityOptions { ManagementPort = port });

        Assert.StartsWith("Observability:ManagementPort must be between 1 and 65535, or 0", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void Rejects_a_health_check_timeout_out_of_range_naming_the_key(double seconds)
    {
        var result = Validate(new ObservabilityOptions { HealthCheckTimeoutSeconds = seconds });

        Assert.StartsWith("Observability:HealthCheckTimeoutSeconds", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Rejects_a_trace_sample_ratio_outside_0_to_1_naming_the_key(double ratio)
    {
        var result = Validate(new ObservabilityOptions { TraceSampleRatio = ratio });

        Assert.StartsWith("Observability:TraceSampleRatio must be between 0 and 1", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(1.0)]
    public void Accepts_a_trace_sample_ratio_from_0_to_1(double ratio)
    {
        Assert.True(Validate(new ObservabilityOptions { TraceSampleRatio = ratio }).Succeeded);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(ObservabilityOptions options) =>
        new ObservabilityOptionsValidator().Validate(null, options);
}
