using k8s;
using k8s.Models;

namespace Monolith.Tests.Deployment;

/// <summary>
/// A custom resource (cert-manager, Prometheus operator) the Kubernetes client has no model for:
/// loaded strictly for its envelope (apiVersion, kind, metadata); its spec is the operator's business.
/// </summary>
public sealed class CustomResource : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The custom kinds the manifests may use, keyed as the client's loader expects (apiVersion/kind).</summary>
    public static IDictionary<string, Type> TypeMap { get; } = new[]
    {
        "cert-manager.io/v1/ClusterIssuer",
        "cert-manager.io/v1/Issuer",
        "cert-manager.io/v1/Certificate",
        "monitoring.coreos.com/v1/ServiceMonitor",
        "monitoring.coreos.com/v1/PodMonitor",
        "monitoring.coreos.com/v1/PrometheusRule",
    }.ToDictionary(key => key, _ => typeof(CustomResource));

    public string ApiVersion { get; set; } = "";

    public string Kind { get; set; } = "";

    public V1ObjectMeta Metadata { get; set; } = new();

    public object? Spec { get; set; }
}
