using Monolith.Web.Jobs;

namespace Monolith.Tests.Unit;

public sealed class JobsOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.True(Validate(new JobsOptions()).Succeeded);

    [Fact]
    public void Unknown_queue_names_the_key_and_the_queues()
    {
        var options = new JobsOptions { Workers = { ["urgent"] = 3 } };

        Assert.Equal("Jobs:Workers:urgent is not a queue; use critical, default, low.", Assert.Single(Validate(options).Failures!));
    }

    [Fact]
    public void Unknown_recurring_job_in_schedules_names_the_key()
    {
        var options = new JobsOptions { Schedules = { ["nightly-report"] = "0 3 * * *" } };

        Assert.StartsWith("Jobs:Schedules:nightly-report is not a recurring job", Assert.Single(Validate(options).Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("every minute")]
    [InlineData("* * *")]
    public void Schedule_that_is_not_cron_names_the_key(string cron)
    {
        var options = new JobsOptions { Schedules = { [HeartbeatJob.RecurringName] = cron } };

        Assert.StartsWith("Jobs:Schedules:heartbeat must be a cron expression", Assert.Single(Validate(options).Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("-")]
    public void Cron_or_dash_is_a_valid_schedule(string cron) =>
        Assert.True(Validate(new JobsOptions { Schedules = { [HeartbeatJob.RecurringName] = cron } }).Succeeded);

    [Fact]
    public void Every_out_of_range_number_is_reported_with_its_key()
    {
        var options = new JobsOptions
        {
            Workers = { [JobQueues.Default] = -1 },
            RetryAttempts = 99,
            RetryDelaysSeconds = [-5],
            ShutdownTimeoutSeconds = 0,
            InvisibilityTimeoutSeconds = 1,
            RetentionDays = 0,
        };

        var failures = Validate(options).Failures!.ToList();

        Assert.Equal(6, failures.Count);
        foreach (var key in new[] { "Jobs:Workers:default", "Jobs:RetryAttempts", "Jobs:RetryDelaysSeconds", "Jobs:ShutdownTimeoutSeconds", "Jobs:InvisibilityTimeoutSeconds", "Jobs:RetentionDays" })
        {
            Assert.Contains(failures, failure => failure.StartsWith(key, StringComparison.Ordinal));
        }
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(JobsOptions options) =>
        new JobsOptionsValidator().Validate(null, options);
}
