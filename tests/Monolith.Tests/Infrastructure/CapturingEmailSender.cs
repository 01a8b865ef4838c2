using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity.UI.Services;

namespace Monolith.Tests.Infrastructure;

/// <summary>An <see cref="IEmailSender"/> that keeps every message, for tests to read.</summary>
public sealed class CapturingEmailSender : IEmailSender
{
    public ConcurrentQueue<(string To, string Subject, string HtmlBody)> Sent { get; } = new();

    public Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        Sent.Enqueue((email, subject, htmlMessage));
        return Task.CompletedTask;
    }
}
