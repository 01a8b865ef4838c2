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
    public async Task<MimeMessage> WaitForMessageToAsync(string to, string? folder = null)
    {
        folder ??= Directory;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60)) // sent by a background job, on a machine that may be busy
        {
            var message = MessagesIn(folder).FirstOrDefault(m => m.To.Mailboxes.Any(
                mailbox => string.Equals(mailbox.Address, to, StringComparison.OrdinalIgnoreCase)));
            if (message is not null)
            {
                return message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No email to {to} in {folder}.");
    }

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
