using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.Options;

namespace Monolith.Web.Observability;

/// <summary>Endpoint metadata: served on the management port, and on the public ones too when <paramref name="AlsoPublic"/>.</summary>
internal sealed record ManagementEndpoint(bool AlsoPublic);

/// <summary>
/// Splits endpoints between the public ports and the management port by the port the connection
/// arrived on, never by the Host header (any client can send <c>Host: x:9090</c> to the public port).
/// The management port serves management endpoints only; the public ports never serve the
/// management-only ones (<c>/metrics</c>, <c>/health</c>).
/// </summary>
internal sealed class ManagementPortPolicy(IOptions<ObservabilityOptions> options) : MatcherPolicy, IEndpointSelectorPolicy
{
    private readonly int _port = options.Value.ManagementPort;

    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => _port > 0;

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var onManagementPort = httpContext.Connection.LocalPort == _port;
        for (var i = 0; i < candidates.Count; i++)
        {
            var management = candidates[i].Endpoint.Metadata.GetMetadata<ManagementEndpoint>();
            var allowed = onManagementPort ? management is not null : management is null or { AlsoPublic: true };
            if (!allowed)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
