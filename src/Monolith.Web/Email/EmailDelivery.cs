using System.Globalization;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Monolith.Web.Email;

/// <summary>
/// Sends through the SMTP server of <c>Email:Smtp</c>, or, without a host, writes the message as an
/// .eml file into the outbox folder. A message the server does not take is thrown back for a retry,
/// or, on the last attempt, never lost: it is written to <c>failed/</c> in the outbox with an error in the log.
/// </summary>
public sealed class EmailDelivery(
    IOptions<EmailOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<EmailDelivery> logger)
{
    public const string FailedFolder = "failed";

    /// <summary>The outbox folder, absolute.</summary>
    public string OutboxDirectory => Path.GetFullPath(options.Value.OutboxDirectory, environment.ContentRootPath);

    public async Task DeliverAsync(EmailMessage email, CancellationToken cancellationToken, bool lastAttempt = true)
    {
        var settings = options.Value;
        var message = Compose(email, settings);
        if (string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            var path = await WriteAsync(message, OutboxDirectory, cancellationToken);
            logger.LogInformation("Email \"{Subject}\" to {To} written to {Path} (no Email:Smtp:Host set)", email.Subject, email.To, path);
            return;
        }

        try
        {
            await SendAsync(message, settings.Smtp, cancellationToken);
            logger.LogInformation("Email \"{Subject}\" to {To} sent through {Host}", email.Subject, email.To, settings.Smtp.Host);
        }
        catch (Exception e) when (lastAttempt && !cancellationToken.IsCancellationRequested)
        {
            var path = await WriteAsync(message, Path.Combine(OutboxDirectory, FailedFolder), CancellationToken.None);
            logger.LogError(e, "Email \"{Subject}\" to {To} could not be sent through {Host}:{Port}; kept in {Path}",
                email.Subject, email.To, settings.Smtp.Host, settings.Smtp.Port, path);
        }
    }

    private static MimeMessage Compose(EmailMessage email, EmailOptions settings)
    {
        var message = new MimeMessage { Subject = email.Subject };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Body = new BodyBuilder { HtmlBody = email.HtmlBody }.ToMessageBody();
        return message;
    }

    private static async Task SendAsync(MimeMessage message, SmtpOptions smtp, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        await client.ConnectAsync(smtp.Host, smtp.Port, EmailOptionsValidator.ParseSecurity(smtp.Security)!.Value, cancellationToken);
        if (smtp.Username.Length > 0)
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private async Task<string> WriteAsync(MimeMessage message, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var name = string.Create(CultureInfo.InvariantCulture, $"{clock.GetUtcNow():yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml");
        var path = Path.Combine(folder, name);
        // Written aside, then renamed: a reader of the outbox never sees half a message.
        var partial = path + ".partial";
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, path);
        return path;
    }
}
