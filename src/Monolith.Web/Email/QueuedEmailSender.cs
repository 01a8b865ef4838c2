using Hangfire;
using Microsoft.AspNetCore.Identity.UI.Services;
using Monolith.Web.Jobs;

namespace Monolith.Web.Email;

/// <summary>
/// The sender Identity's pages use (confirmation, password reset, change of email): it enqueues the
/// message on the critical queue, so a slow or broken SMTP server never holds up the request.
/// </summary>
internal sealed class QueuedEmailSender(IBackgroundJobClient jobs) : IEmailSender
{
    public Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        var message = new EmailMessage(email, subject, htmlMessage);
        jobs.Enqueue<SendEmailJob>(JobQueues.Critical, job => job.ExecuteAsync(message, null, CancellationToken.None));
        return Task.CompletedTask;
    }
}
