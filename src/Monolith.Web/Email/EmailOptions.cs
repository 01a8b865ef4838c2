namespace Monolith.Web.Email;

/// <summary>The <c>Email</c> configuration section.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The sender, e.g. <c>Acme &lt;no-reply@acme.example&gt;</c>.</summary>
    public string From { get; set; } = "Monolith <no-reply@localhost>";

    /// <summary>
    /// Folder (relative to the content root) where messages are written as .eml files when no SMTP
    /// host is set; messages the SMTP server refused go to its <c>failed</c> subfolder.
    /// </summary>
    public string OutboxDirectory { get; set; } = "App_Data/outbox";

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary><c>Email:Smtp</c>: the server that delivers mail. No host: messages go to the outbox folder.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>MailKit's <c>SecureSocketOptions</c>: <c>Auto</c>, <c>StartTls</c>, <c>SslOnConnect</c>, <c>StartTlsWhenAvailable</c> or <c>None</c>.</summary>
    public string Security { get; set; } = "Auto";

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>How long one delivery may take before it counts as failed.</summary>
    public int TimeoutSeconds { get; set; } = 15;
}
