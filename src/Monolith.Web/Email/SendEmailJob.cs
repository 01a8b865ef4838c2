using Hangfire.Server;
using Microsoft.Extensions.Options;
using Monolith.Web.Jobs;

namespace Monolith.Web.Email;

/// <summary>
/// Delivers one message. A refused send throws so the job is retried with backoff; the last attempt
/// keeps the message in the outbox's failed folder instead. A retry after a crash may send a message
/// twice — acceptable for these emails, unlike losing one.
/// </summary>
public sealed class SendEmailJob(EmailDelivery delivery, IOptions<JobsOptions> jobs)
{
    /// <param name="context">Supplied by Hangfire (pass null): tells which attempt this is.</param>
    public Task ExecuteAsync(EmailMessage message, PerformContext? context, CancellationToken cancellationToken)
    {
        var retries = context?.GetJobParameter<int>("RetryCount") ?? 0;
        return delivery.DeliverAsync(message, cancellationToken, lastAttempt: retries >= jobs.Value.RetryAttempts);
    }
}
