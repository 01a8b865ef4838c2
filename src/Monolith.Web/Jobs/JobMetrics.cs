using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hangfire;

namespace Monolith.Web.Jobs;

/// <summary>The jobs battery's meter and activity source (<c>Monolith.Jobs</c>), exported by the observability battery.</summary>
public sealed class JobMetrics
{
    public const string Name = "Monolith.Jobs";

    internal static readonly ActivitySource Activities = new(Name);

    public JobMetrics(IMeterFactory meters, JobStorage storage)
    {
        var meter = meters.Create(Name);
        Enqueued = meter.CreateCounter<long>("app.jobs.enqueued", description: "Jobs created (enqueued or scheduled).");
        Succeeded = meter.CreateCounter<long>("app.jobs.succeeded", description: "Jobs that finished successfully.");
        Failed = meter.CreateCounter<long>("app.jobs.failed", description: "Jobs that failed after their last retry.");
        Retried = meter.CreateCounter<long>("app.jobs.retried", description: "Failed attempts scheduled for a retry.");
        Duration = meter.CreateHistogram<double>("app.jobs.duration", unit: "s", description: "Time a job attempt ran.");
        meter.CreateObservableGauge("app.jobs.queue.length", () => Queues(storage, q => q.Length), description: "Jobs waiting in a queue.");
        meter.CreateObservableGauge("app.jobs.queue.oldest_age", () => Queues(storage, q => q.OldestAgeSeconds), unit: "s", description: "How long the oldest waiting job has waited.");
    }

    internal Counter<long> Enqueued { get; }

    internal Counter<long> Succeeded { get; }

    internal Counter<long> Failed { get; }

    internal Counter<long> Retried { get; }

    internal Histogram<double> Duration { get; }

    private static IEnumerable<Measurement<double>> Queues(JobStorage storage, Func<QueueState, double> value)
    {
        var monitoring = storage.GetMonitoringApi();
        foreach (var queue in JobQueues.All)
        {
            var oldest = monitoring.EnqueuedJobs(queue, 0, 1).FirstOrDefault().Value?.EnqueuedAt;
            var state = new QueueState(
                monitoring.EnqueuedCount(queue),
                oldest is null ? 0 : Math.Max(0, (DateTime.UtcNow - oldest.Value).TotalSeconds));
            yield return new Measurement<double>(value(state), new KeyValuePair<string, object?>("queue", queue));
        }
    }

    private readonly record struct QueueState(long Length, double OldestAgeSeconds);
}
