using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using MimeKit;

namespace Monolith.Testing;

/// <summary>The app's email outbox folder (<c>Email:OutboxDirectory</c>): the .eml files it wrote.</summary>
public sealed partial class Outbox(string directory)
{
    public string Directory { get; } = directory;

    public string FailedDirectory => Path.Combine(Directory, "failed");

    /// <summary>Waits for the message to <paramref name="to"/> in <paramref name="folder"/> (the outbox itself by default).</summary>
    public Task<MimeMessage> WaitForMessageToAsync(string to, string? folder = null) =>
        WaitForAsync(m => IsTo(m, to), $"No email to {to} in {folder ?? Directory}.", folder ?? Directory);

    /// <summary>Waits for the message to <paramref name="to"/> whose subject contains <paramref name="subject"/>.</summary>
    public Task<MimeMessage> WaitForMessageAboutAsync(string to, string subject, CancellationToken cancellationToken) =>
        WaitForAsync(
            m => IsTo(m, to) && m.Subject?.Contains(subject, StringComparison.Ordinal) == true,
            $"No email to {to} about \"{subject}\" in {Directory}.",
            Directory,
            cancellationToken);

    private static async Task<MimeMessage> WaitForAsync(
        Func<MimeMessage, bool> match, string failure, string folder, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60)) // sent by a background job, on a machine that may be busy
        {
            if (MessagesIn(folder).FirstOrDefault(match) is { } message)
            {
                return message;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException(failure);
    }

    private static bool IsTo(MimeMessage message, string address) =>
        message.To.Mailboxes.Any(mailbox => string.Equals(mailbox.Address, address, StringComparison.OrdinalIgnoreCase));

    public static IReadOnlyList<MimeMessage> MessagesIn(string folder) =>
        System.IO.Directory.Exists(folder)
            ? [.. System.IO.Directory.GetFiles(folder, "*.eml").Select(path => MimeMessage.Load(path))]
            : [];

    /// <summary>The first link of the message's HTML body (the confirmation or reset link).</summary>
    public static Uri FirstLink(MimeMessage message)
    {
        var match = Href().Match(message.HtmlBody ?? "");
        return match.Success
            ? new Uri(WebUtility.HtmlDecode(match.Groups["url"].Value))
            : throw new InvalidOperationException($"No link in the email \"{message.Subject}\".");
    }

    [GeneratedRegex("""href=['"](?<url>[^'"]+)['"]""")]
    private static partial Regex Href();
}
