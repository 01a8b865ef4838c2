namespace Monolith.Web.Security;

/// <summary>The <c>Security</c> configuration section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Addresses of reverse proxies whose X-Forwarded-For/-Proto headers are believed, in addition to
    /// loopback. Behind a load balancer or ingress, list it here or in <see cref="TrustedNetworks"/>.
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>CIDR ranges of trusted proxies, e.g. <c>10.0.0.0/8</c> for a Kubernetes pod network.</summary>
    public IList<string> TrustedNetworks { get; } = [];

    /// <summary>Strict-Transport-Security max-age, sent outside Development on HTTPS requests only.</summary>
    public int HstsMaxAgeDays { get; set; } = 365;

    /// <summary>Largest request body accepted; larger requests get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;
}
