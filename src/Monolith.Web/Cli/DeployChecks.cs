using System.Net;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Monolith.Web.Accounts;
using Monolith.Web.Data;
using Monolith.Web.Email;
using Monolith.Web.Security;

namespace Monolith.Web.Cli;

/// <summary>Django's <c>check --deploy</c>: settings that work on a laptop but are unsafe in production.</summary>
internal static class DeployChecks
{
    /// <summary>Set by Kubernetes in every pod: the app runs as one of possibly several replicas behind an ingress.</summary>
    private const string KubernetesVariable = "KUBERNETES_SERVICE_HOST";

    public static IEnumerable<string> Find(IServiceProvider services)
    {
        var environment = services.GetRequiredService<IHostEnvironment>();
        var onKubernetes = !string.IsNullOrEmpty(services.GetRequiredService<IConfiguration>()[KubernetesVariable]);
        var accounts = services.GetRequiredService<IOptions<AccountsOptions>>().Value;
        var security = services.GetRequiredService<IOptions<SecurityOptions>>().Value;

        if (environment.IsDevelopment())
        {
            yield return "ASPNETCORE_ENVIRONMENT is Development: detailed error pages, no HSTS or HTTPS redirection, cookies not Secure-only.";
        }

        if (string.IsNullOrWhiteSpace(services.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.Host))
        {
            var outbox = services.GetRequiredService<EmailDelivery>().OutboxDirectory;
            yield return $"Email:Smtp:Host is not set: confirmation and password-reset emails are only written to {outbox}.";
        }

        if (onKubernetes && services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ProviderKind == DatabaseProvider.Sqlite)
        {
            yield return $"Database:Provider is Sqlite on Kubernetes ({KubernetesVariable} is set): each replica would have its own database. Use Postgres.";
        }

        if (services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository
            is not EntityFrameworkCoreXmlRepository<AppDbContext>)
        {
            yield return "Data Protection keys are not stored in the database: sign-ins and emailed links break on restart and differ between replicas.";
        }

        if (onKubernetes && security.TrustedProxies.Count == 0 && security.TrustedNetworks.Count == 0)
        {
            yield return "Security:TrustedNetworks and Security:TrustedProxies are empty on Kubernetes: the ingress's X-Forwarded-For/-Proto are ignored, so client addresses (rate limits) and the https scheme are wrong.";
        }

        foreach (var network in security.TrustedNetworks.Where(TrustsEveryone))
        {
            yield return $"Security:TrustedNetworks contains {network}: anyone can forge X-Forwarded-For and escape rate limits. List only your proxies' range.";
        }

        if (AccountsRegistration.CookieSecurity(accounts, environment) != CookieSecurePolicy.Always)
        {
            yield return "Accounts:CookieSecure is not Always: the sign-in cookie can be sent over plain HTTP.";
        }

        if (!accounts.RequireConfirmedEmail)
        {
            yield return "Accounts:RequireConfirmedEmail is false: anyone can sign up and sign in with someone else's address.";
        }
    }

    /// <summary>Trade-offs of a setup that is valid for a single server, printed without failing the check.</summary>
    public static IEnumerable<string> Notes(IServiceProvider services)
    {
        if (services.GetRequiredService<Hangfire.JobStorage>() is Hangfire.InMemory.InMemoryStorage)
        {
            yield return "background jobs are kept in memory (Database:Provider is Sqlite): queued emails and jobs waiting for a retry are lost when the process stops. Use Postgres for durable jobs.";
        }
    }

    private static bool TrustsEveryone(string network) =>
        System.Net.IPNetwork.TryParse(network, out var parsed) && parsed.PrefixLength == 0;
}
