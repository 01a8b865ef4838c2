using k8s;
using k8s.Models;
using Monolith.Tests.Deployment;

namespace Monolith.Tests.Integration.Deployment;

/// <summary>Every kustomization renders with kubectl and every object is a valid Kubernetes object.</summary>
public sealed class ManifestLoadingTests
{
    public static TheoryData<string> Kustomizations => [.. RenderedManifests.Kustomizations];

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Renders_and_every_object_loads_strictly_with_the_kubernetes_client(string kustomization)
    {
        var manifests = await RenderedManifests.RenderAsync(kustomization);

        Assert.NotEmpty(manifests.Objects);
        Assert.All(manifests.Objects, item =>
        {
            var resource = Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(item);
            Assert.False(string.IsNullOrEmpty(resource.ApiVersion));
            Assert.False(string.IsNullOrEmpty(resource.Kind));
            Assert.False(string.IsNullOrEmpty(resource.Name()));
        });
    }

    [Fact]
    public async Task Custom_resources_are_cert_manager_cluster_issuers_for_lets_encrypt_staging_and_production()
    {
        var cluster = await RenderedManifests.RenderAsync("cluster");

        var issuers = cluster.OfKind<CustomResource>().ToList();
        Assert.All(issuers, issuer => Assert.Equal(("cert-manager.io/v1", "ClusterIssuer"), (issuer.ApiVersion, issuer.Kind)));
        Assert.Equal(["letsencrypt-production", "letsencrypt-staging"], issuers.Select(i => i.Name()).Order());
        Assert.All(issuers, issuer => Assert.Null(issuer.Namespace())); // cluster-scoped
    }

    [Fact]
    public async Task Every_overlay_runs_in_its_own_namespace_enforcing_the_restricted_pod_security_standard()
    {
        foreach (var overlay in RenderedManifests.Overlays)
        {
            var manifests = await RenderedManifests.RenderAsync(overlay);
            var ns = Assert.Single(manifests.OfKind<V1Namespace>());
            Assert.Equal("restricted", ns.Labels()["pod-security.kubernetes.io/enforce"]);
            Assert.All(
                manifests.Objects.Cast<IKubernetesObject<V1ObjectMeta>>().Where(o => o is not V1Namespace),
                item => Assert.Equal(ns.Name(), item.Namespace()));
        }
    }

    [Theory]
    [InlineData("replicass: 2", "replicass")]
    [InlineData("replicas: two", "two")]
    public void The_strict_loader_rejects_unknown_fields_and_wrong_types(string field, string culprit)
    {
        var yaml = $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: broken
            spec:
              {field}
            """;

        var error = Assert.ThrowsAny<Exception>(() => RenderedManifests.LoadStrictly(yaml));
        Assert.Contains(culprit, error.ToString(), StringComparison.Ordinal);
    }
}
