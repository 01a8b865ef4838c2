using Microsoft.AspNetCore.Identity.UI.Services;

namespace Monolith.Web.Email;

/// <summary>
/// The sender Identity's pages use (confirmation, password reset, change of email). It delivers at
/// once; a background-jobs battery replaces this registration with one that enqueues
/// <see cref="EmailDelivery.DeliverAsync"/> for the same <see cref="EmailMessage"/>.
/// </summary>
internal sealed class IdentityEmailSender(EmailDelivery delivery) : IEmailSender
{
    public Task SendEmailAsync(string email, string subject, string htmlMessage) =>
        delivery.DeliverAsync(new EmailMessage(email, subject, htmlMessage), CancellationToken.None);
}
