using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Monolith.Web.Email;

internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var failures = new List<string>();
        if (!MailboxAddress.TryParse(options.From, out _))
        {
            failures.Add($"Email:From must be an address like 'Acme <no-reply@acme.example>', not '{options.From}'.");
        }

        if (string.IsNullOrWhiteSpace(options.OutboxDirectory))
        {
            failures.Add("Email:OutboxDirectory must not be empty.");
        }

        var smtp = options.Smtp;
        if (smtp.Port is < 1 or > 65535)
        {
            failures.Add($"Email:Smtp:Port must be between 1 and 65535, not {smtp.Port}.");
        }

        if (ParseSecurity(smtp.Security) is null)
        {
            failures.Add($"Email:Smtp:Security must be Auto, StartTls, SslOnConnect, StartTlsWhenAvailable or None, not '{smtp.Security}'.");
        }

        if (smtp.TimeoutSeconds is < 1 or > 300)
        {
            failures.Add($"Email:Smtp:TimeoutSeconds must be between 1 and 300, not {smtp.TimeoutSeconds}.");
        }

        if (smtp.Password.Length > 0 && smtp.Username.Length == 0)
        {
            failures.Add("Email:Smtp:Username is required when Email:Smtp:Password is set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static SecureSocketOptions? ParseSecurity(string value) =>
        Enum.TryParse<SecureSocketOptions>(value, ignoreCase: true, out var security)
        && Enum.IsDefined(security) && !int.TryParse(value, out _)
            ? security
            : null;
}
