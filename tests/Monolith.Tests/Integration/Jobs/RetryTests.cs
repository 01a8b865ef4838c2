using Hangfire;
using Hangfire.States;

namespace Monolith.Tests.Integration.Jobs;

public sealed class RetryTests
{
    [Fact]
    public async Task Throwing_job_is_retried_the_configured_times_then_fails_with_the_exception_visible()
    {
        await using var app = new JobsTestApp(role: "all", settings: new Dictionary<string, string?>
        {
            ["Jobs:RetryAttempts"] = "2",
            ["Jobs:RetryDelaysSeconds:0"] = "0",
            ["Jobs:RetryDelaysSeconds:1"] = "0",
        });
        var marker = Guid.NewGuid().ToString("N");

        var jobId = app.Jobs.Enqueue<AlwaysFailingJob>(job => job.ExecuteAsync(marker, CancellationToken.None));

        await app.WaitUntilAsync(() => Task.FromResult(app.State(jobId) == FailedState.StateName), TimeSpan.FromSeconds(60), "the job failed for good");
        var failure = app.Details(jobId).History.First();
        Assert.Equal(typeof(InvalidOperationException).FullName, failure.Data["ExceptionType"]);
        Assert.Contains($"payment provider rejected {marker}", failure.Data["ExceptionMessage"], StringComparison.Ordinal);
        Assert.Equal(3, AlwaysFailingJob.Attempts(marker)); // the first run and two retries
    }
}

/// <summary>A job that always throws, counting its attempts per marker.</summary>
#pragma warning disable CA1822 // Hangfire calls instance methods of jobs resolved from DI
public sealed class AlwaysFailingJob
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Runs = new();

    public static int Attempts(string marker) => Runs.GetValueOrDefault(marker);

    public Task ExecuteAsync(string marker, CancellationToken cancellationToken)
    {
        Runs.AddOrUpdate(marker, 1, (_, count) => count + 1);
        throw new InvalidOperationException($"payment provider rejected {marker}");
    }
}
#pragma warning restore CA1822
