using System.Diagnostics;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Web.Jobs;

namespace Monolith.Tests.Integration.Jobs;

/// <summary>Jobs enqueued by web pods run in separate worker processes, and none is lost when a worker dies.</summary>
public sealed class WorkerProcessTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Job_enqueued_by_a_web_host_runs_in_a_separate_worker_process()
    {
        await using var app = new JobsTestApp(role: "web");
        var name = $"handoff-{Guid.NewGuid():N}";

        var jobId = app.Jobs.Enqueue<HeartbeatJob>(job => job.ExecuteAsync(name, CancellationToken.None));
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        Assert.Equal(EnqueuedState.StateName, app.State(jobId)); // the web role runs no jobs

        var worker = app.StartWorker();
        await app.WaitUntilAsync(
            async () => await app.CountAsync($"SELECT count(*) FROM \"JobHeartbeats\" WHERE \"Name\" = '{name}'") == 1,
            Bound, "the worker wrote the heartbeat");
        await app.WaitUntilAsync(() => Task.FromResult(app.State(jobId) == SucceededState.StateName), Bound, "the job succeeded");
        using (var http = new HttpClient())
        {
            // A worker listens on the management port alone: health for its probes, nothing public.
            using var ready = await http.GetAsync(new Uri($"http://127.0.0.1:{worker.ManagementPort}/readyz"), TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(app.WorkerPublicUrl(worker), "/"), TestContext.Current.CancellationToken));
        }

        var servers = app.Host.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers();
        Assert.NotEmpty(servers);
        Assert.All(servers, server => Assert.Contains($":{worker.Id}:", server.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Job_of_a_killed_worker_runs_to_completion_once_on_a_new_worker()
    {
        await using var app = new JobsTestApp(role: "web");
        var name = $"killed-{Guid.NewGuid():N}";
        string jobId;
        await using (await app.LockTableAsync("JobHeartbeats"))
        {
            jobId = app.Jobs.Enqueue<HeartbeatJob>(job => job.ExecuteAsync(name, CancellationToken.None));
            var first = app.StartWorker();
            await app.WaitUntilAsync(() => Task.FromResult(app.State(jobId) == ProcessingState.StateName), Bound, "the first worker took the job");
            first.Kill(); // SIGKILL mid-job: no chance to re-queue it
        }

        var clock = Stopwatch.StartNew();
        app.StartWorker();
        await app.WaitUntilAsync(() => Task.FromResult(app.State(jobId) == SucceededState.StateName), Bound, "a new worker finished the job");

        Assert.True(clock.Elapsed < Bound, $"took {clock.Elapsed}");
        Assert.Equal(1, await app.CountAsync($"SELECT count(*) FROM \"JobHeartbeats\" WHERE \"Name\" = '{name}'"));
    }

    [Fact]
    public async Task Sigterm_lets_the_worker_exit_in_its_grace_period_and_re_queues_the_running_job()
    {
        await using var app = new JobsTestApp(role: "web");
        var name = $"drained-{Guid.NewGuid():N}";
        string jobId;
        await using (await app.LockTableAsync("JobHeartbeats"))
        {
            jobId = app.Jobs.Enqueue<HeartbeatJob>(job => job.ExecuteAsync(name, CancellationToken.None));
            var worker = app.StartWorker();
            await app.WaitUntilAsync(() => Task.FromResult(app.State(jobId) == ProcessingState.StateName), Bound, "the worker took the job");

            var clock = Stopwatch.StartNew();
            Assert.Equal(0, await worker.TerminateAsync(TimeSpan.FromSeconds(30)));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"shutdown took {clock.Elapsed} with a 3 s job grace period");
        }

        app.StartWorker();
        await app.WaitUntilAsync(() => Task.FromResult(app.State(jobId) == SucceededState.StateName), Bound, "the re-queued job ran");
        Assert.Equal(1, await app.CountAsync($"SELECT count(*) FROM \"JobHeartbeats\" WHERE \"Name\" = '{name}'"));
    }

    [Fact]
    public async Task Recurring_jobs_are_registered_once_when_three_workers_start_together()
    {
        await using var app = new JobsTestApp(role: "web");

        var workers = Enumerable.Range(0, 3).Select(_ => app.StartWorker()).ToList();
        await app.WaitUntilAsync(
            () => Task.FromResult(app.Host.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers().Count == 9),
            Bound, "three workers with three queue servers each announced themselves");

        using var connection = app.Host.Services.GetRequiredService<JobStorage>().GetConnection();
        var ids = connection.GetRecurringJobs().Select(job => job.Id).Order();
        Assert.Equal(new[] { HeartbeatJob.RecurringName, "purge-old-data" }.Order(), ids);
        Assert.Equal(2, await app.CountAsync("SELECT count(*) FROM hangfire.set WHERE key = 'recurring-jobs'"));
        Assert.All(workers, worker => Assert.False(worker.HasExited, worker.Stdout + worker.Stderr));
        Assert.All(workers, worker => Assert.DoesNotContain("\"@l\":\"Error\"", worker.Stdout, StringComparison.Ordinal));
    }
}
