using System.Diagnostics;
using Hangfire.Client;
using Hangfire.Server;
using Hangfire.States;
using Hangfire.Storage;

namespace Monolith.Web.Jobs;

/// <summary>
/// One log line per job start, success, retry and final failure (with job id and duration), the
/// job metrics, and a trace for each run linked to the request that enqueued the job.
/// </summary>
internal sealed partial class JobActivityFilter(JobMetrics metrics, ILogger<JobActivityFilter> logger)
    : IClientFilter, IServerFilter, IApplyStateFilter
{
    private const string TraceParent = "traceparent";
    private const string ActivityItem = "activity";

    public void OnCreating(CreatingContext context)
    {
        if (Activity.Current?.Id is { } traceParent)
        {
            context.SetJobParameter(TraceParent, traceParent);
        }
    }

    public void OnCreated(CreatedContext context)
    {
        if (context.BackgroundJob is not null)
        {
            metrics.Enqueued.Add(1, Tag(context.Job.Type.Name));
        }
    }

    public void OnPerforming(PerformingContext context)
    {
        var parent = context.GetJobParameter<string>(TraceParent);
        var activity = JobMetrics.Activities.StartActivity(
            $"job {JobName(context)}", ActivityKind.Consumer, parent ?? default(string));
        activity?.SetTag("job.id", context.BackgroundJob.Id);
        context.Items[ActivityItem] = (activity, Stopwatch.GetTimestamp());
        LogStarted(context.BackgroundJob.Id, JobName(context));
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items[ActivityItem] is not ValueTuple<Activity?, long> (var activity, var started))
        {
            return;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.Duration.Record(elapsed.TotalSeconds, Tag(JobName(context)));
        if (context.Exception is null)
        {
            metrics.Succeeded.Add(1, Tag(JobName(context)));
            LogSucceeded(context.BackgroundJob.Id, JobName(context), elapsed.TotalMilliseconds);
        }
        else
        {
            activity?.SetStatus(ActivityStatusCode.Error, context.Exception.Message);
        }

        activity?.Dispose();
    }

    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        var name = context.BackgroundJob.Job?.Type.Name ?? "unknown";
        switch (context.NewState)
        {
            case FailedState failed:
                metrics.Failed.Add(1, Tag(name));
                LogFailed(failed.Exception, context.BackgroundJob.Id, name);
                break;
            case ScheduledState scheduled when context.OldStateName == ProcessingState.StateName:
                metrics.Retried.Add(1, Tag(name));
                LogRetrying(context.BackgroundJob.Id, name, scheduled.EnqueueAt, scheduled.Reason);
                break;
        }
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }

    private static string JobName(PerformContext context) =>
        $"{context.BackgroundJob.Job.Type.Name}.{context.BackgroundJob.Job.Method.Name}";

    private static KeyValuePair<string, object?> Tag(string job) => new("job", job);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} {Job} started")]
    private partial void LogStarted(string jobId, string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} {Job} succeeded in {ElapsedMs:0} ms")]
    private partial void LogSucceeded(string jobId, string job, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} {Job} failed; retry at {RetryAt:O} ({Reason})")]
    private partial void LogRetrying(string jobId, string job, DateTime retryAt, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} {Job} failed after its last retry")]
    private partial void LogFailed(Exception exception, string jobId, string job);
}
