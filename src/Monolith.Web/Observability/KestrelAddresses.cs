using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Monolith.Web.Observability;

/// <summary>
/// Adds the management port to the addresses Kestrel listens on without replacing the public ones,
/// however those were given (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>,
/// <c>Kestrel:Endpoints</c> or Kestrel's default).
/// </summary>
internal static class KestrelAddresses
{
    private const string KestrelDefault = "http://localhost:5000";
    private const string KestrelEndpoints = "Kestrel:Endpoints";

    /// <param name="publicToo">False for a worker: it serves nothing publicly, so it listens on the management port alone.</param>
    public static void AddManagementPort(WebApplicationBuilder builder, int port, bool publicToo)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"http://*:{port}");
        if (builder.Configuration.GetSection(KestrelEndpoints).GetChildren().Any())
        {
            // Configured endpoints replace the URL list entirely, so the management one joins them.
            builder.Configuration.AddInMemoryCollection([new($"{KestrelEndpoints}:Management:Url", url)]);
            return;
        }

        var publicUrls = publicToo ? PublicUrls(builder.Configuration) : [];
        if (publicUrls.FirstOrDefault(publicUrl => PortOf(publicUrl) == port) is { } clash)
        {
            throw new StartupException(
                $"Observability:ManagementPort {port} is also a public address ({clash}); choose another port, or 0 to turn it off.");
        }

        builder.WebHost.UseUrls([.. publicUrls, url]);
    }

    /// <summary>The public addresses, resolved in the host's order: URLs, then HTTP(S) ports, then Kestrel's default.</summary>
    private static IReadOnlyList<string> PublicUrls(ConfigurationManager configuration)
    {
        if (configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls)
        {
            return Split(urls);
        }

        var ports = Split(configuration[WebHostDefaults.HttpPortsKey]).Select(port => $"http://*:{port}")
            .Concat(Split(configuration[WebHostDefaults.HttpsPortsKey]).Select(port => $"https://*:{port}"))
            .ToList();
        return ports.Count > 0 ? ports : [KestrelDefault];
    }

    private static string[] Split(string? list) =>
        list?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static int? PortOf(string url)
    {
        try
        {
            return BindingAddress.Parse(url).Port;
        }
        catch (FormatException)
        {
            return null; // Kestrel reports a malformed URL itself, naming it.
        }
    }
}
