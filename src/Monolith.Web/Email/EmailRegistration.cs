using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Monolith.Web.Email;

public static class EmailRegistration
{
    /// <summary>Email through SMTP (<c>Email:Smtp</c>), or .eml files in an outbox folder when no host is set.</summary>
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EmailDelivery>();
        services.AddSingleton<IEmailSender, QueuedEmailSender>();
        return builder;
    }
}
