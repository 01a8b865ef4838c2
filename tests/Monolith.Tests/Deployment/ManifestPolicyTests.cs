using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;
using Monolith.Tests.Deployment;
using Monolith.Web.Observability;

namespace Monolith.Tests.Integration.Deployment;

/// <summary>The rules every rendered overlay keeps, one test per rule.</summary>
public sealed partial class ManifestPolicyTests
{
    private static readonly string[] AllowedVolumeTypes = ["ConfigMap", "EmptyDir", "Secret", "PersistentVolumeClaim", "Projected", "DownwardAPI", "Ephemeral", "Csi"];

    public static TheoryData<string> Overlays => [.. RenderedManifests.Overlays];

    public static TheoryData<string> EverythingWithPods => [.. RenderedManifests.Overlays, "restore"];

    [Theory]
    [MemberData(nameof(EverythingWithPods))]
    public async Task Every_pod_meets_the_restricted_pod_security_standard(string kustomization)
    {
        var manifests = await RenderedManifests.RenderAsync(kustomization);

        Assert.NotEmpty(manifests.Pods);
        foreach (var pod in manifests.Pods)
        {
            var spec = pod.Spec;
            Assert.True(spec.HostNetwork is null or false, $"{pod.Owner}: hostNetwork");
            Assert.True(spec.HostPID is null or false, $"{pod.Owner}: hostPID");
            Assert.True(spec.HostIPC is null or false, $"{pod.Owner}: hostIPC");
            Assert.False(spec.AutomountServiceAccountToken ?? true, $"{pod.Owner}: mounts a service account token");
            Assert.All(spec.Volumes ?? [], volume => Assert.Contains(VolumeType(volume), AllowedVolumeTypes));
            foreach (var container in pod.Containers)
            {
                var where = $"{pod.Owner}/{container.Name}";
                var security = container.SecurityContext ?? new V1SecurityContext();
                Assert.True(security.RunAsNonRoot ?? spec.SecurityContext?.RunAsNonRoot, $"{where}: runAsNonRoot");
                Assert.NotEqual(0, security.RunAsUser ?? spec.SecurityContext?.RunAsUser);
                Assert.Equal("RuntimeDefault", (security.SeccompProfile ?? spec.SecurityContext?.SeccompProfile)?.Type);
                Assert.False(security.AllowPrivilegeEscalation ?? true, $"{where}: allowPrivilegeEscalation");
                Assert.True(security.Privileged is null or false, $"{where}: privileged");
                Assert.Equal(["ALL"], security.Capabilities?.Drop ?? []);
                Assert.Empty(security.Capabilities?.Add ?? []);
                Assert.True(security.ReadOnlyRootFilesystem, $"{where}: readOnlyRootFilesystem");
                Assert.All(container.Ports ?? [], port => Assert.Null(port.HostPort));
                var tmp = Assert.Single(container.VolumeMounts ?? [], mount => mount.MountPath == "/tmp");
                Assert.NotNull(Assert.Single(spec.Volumes ?? [], volume => volume.Name == tmp.Name).EmptyDir);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Probes_point_at_declared_ports_and_at_the_health_endpoints_the_app_serves(string overlay)
    {
        var manifests = await RenderedManifests.RenderAsync(overlay);

        var served = manifests.AppPods.SelectMany(pod => pod.Spec.Containers).ToList();
        Assert.Equal(["web", "worker"], served.Select(c => c.Name).Order());
        foreach (var container in served)
        {
            Assert.Equal(ManagementEndpoints.Liveness, container.StartupProbe.HttpGet.Path);
            Assert.Equal(ManagementEndpoints.Liveness, container.LivenessProbe.HttpGet.Path);
            Assert.Equal(ManagementEndpoints.Readiness, container.ReadinessProbe.HttpGet.Path);
            var declared = container.Ports.Select(port => port.Name).ToList();
            foreach (var probe in new[] { container.StartupProbe, container.LivenessProbe, container.ReadinessProbe })
            {
                Assert.Contains(probe.HttpGet.Port.Value, declared);
            }

            // A liveness probe as strict as readiness would restart pods whenever the database is slow.
            Assert.NotEqual(
                (container.ReadinessProbe.PeriodSeconds, container.ReadinessProbe.FailureThreshold),
                (container.LivenessProbe.PeriodSeconds, container.LivenessProbe.FailureThreshold));
        }

        // The worker serves no public HTTP: its probes use the management port.
        var worker = served.Single(c => c.Name == "worker");
        Assert.Equal("management", worker.LivenessProbe.HttpGet.Port.Value);
        Assert.Equal(9090, worker.Ports.Single(p => p.Name == "management").ContainerPort);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Services_select_pods_that_declare_their_target_ports(string overlay)
    {
        var manifests = await RenderedManifests.RenderAsync(overlay);

        foreach (var service in manifests.OfKind<V1Service>())
        {
            var pods = manifests.Pods.Where(pod => service.Spec.Selector.Matches(pod.Labels)).ToList();
            var pod = Assert.Single(pods);
            var ports = pod.Spec.Containers.SelectMany(c => c.Ports ?? []).Select(p => p.Name).ToList();
            Assert.All(service.Spec.Ports, port => Assert.Contains(port.TargetPort.Value, ports));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Disruption_budgets_select_exactly_one_workload_each_and_cover_web_and_worker(string overlay)
    {
        var manifests = await RenderedManifests.RenderAsync(overlay);

        var covered = manifests.OfKind<V1PodDisruptionBudget>()
            .Select(budget => Assert.Single(manifests.Pods, pod => budget.Spec.Selector.Matches(pod.Labels)).Component)
            .ToList();
        Assert.Equal(["web", "worker"], covered.Order());
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Autoscalers_target_existing_deployments_within_sane_bounds(string overlay)
    {
        var manifests = await RenderedManifests.RenderAsync(overlay);

        var targets = new List<string>();
        foreach (var autoscaler in manifests.OfKind<V2HorizontalPodAutoscaler>())
        {
            Assert.Equal(("apps/v1", "Deployment"), (autoscaler.Spec.ScaleTargetRef.ApiVersion, autoscaler.Spec.ScaleTargetRef.Kind));
            var deployment = manifests.Named<V1Deployment>(autoscaler.Spec.ScaleTargetRef.Name);
            Assert.InRange(autoscaler.Spec.MinReplicas ?? 1, 1, autoscaler.Spec.MaxReplicas);
            Assert.NotEmpty(autoscaler.Spec.Metrics);
            // CPU utilisation is measured against requests: without them the autoscaler never acts.
            Assert.All(deployment.Spec.Template.Spec.Containers, c => Assert.True(c.Resources.Requests.ContainsKey("cpu")));
            targets.Add(deployment.Name());
        }

        Assert.Equal(["monoapp-web", "monoapp-worker"], targets.Order());
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Network_policies_deny_by_default_and_each_selects_pods(string overlay)
    {
        var manifests = await RenderedManifests.RenderAsync(overlay);
        var policies = manifests.OfKind<V1NetworkPolicy>().ToList();

        var denyAll = Assert.Single(policies, p => p.Spec.PodSelector.MatchLabels is null && p.Spec.PodSelector.MatchExpressions is null);
        Assert.Equal(["Egress", "Ingress"], denyAll.Spec.PolicyTypes.Order());
        Assert.Null(denyAll.Spec.Ingress);
        Assert.Null(denyAll.Spec.Egress);
        foreach (var policy in policies.Where(p => p != denyAll))
        {
            Assert.Contains(manifests.Pods, pod => policy.Spec.PodSelector.Matches(pod.Labels));
        }

        // Web takes traffic from the ingress controller only, on the public port only.
        var web = manifests.Pods.Single(pod => pod.Component == "web");
        var webIngress = policies.Where(p => p != denyAll && p.Spec.PodSelector.Matches(web.Labels)).SelectMany(p => p.Spec.Ingress ?? []).ToList();
        var rule = Assert.Single(webIngress);
        Assert.Equal("ingress-nginx", Assert.Single(rule.FromProperty).NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        Assert.Equal(["8080"], rule.Ports.Select(p => p.Port.Value));

        // Egress of the app: DNS, PostgreSQL, Redis, SMTP, and nothing else.
        var egressPorts = policies.Where(p => p.Spec.PodSelector.Matches(web.Labels))
            .SelectMany(p => p.Spec.Egress ?? []).SelectMany(e => e.Ports).Select(p => int.Parse(p.Port.Value, CultureInfo.InvariantCulture)).Distinct().Order();
        Assert.Equal([53, 465, 587, 5432, 6379], egressPorts);
    }

    [Theory]
    [MemberData(nameof(EverythingWithPods))]
    public async Task Every_container_has_cpu_and_memory_requests_and_limits(string kustomization)
    {
        var manifests = await RenderedManifests.RenderAsync(kustomization);

        foreach (var container in manifests.Pods.SelectMany(pod => pod.Containers))
        {
            Assert.Equal(["cpu", "memory"], (container.Resources?.Requests?.Keys ?? []).Order());
            Assert.Equal(["cpu", "memory"], (container.Resources?.Limits?.Keys ?? []).Order());
        }
    }

    [Theory]
    [MemberData(nameof(EverythingWithPods))]
    public async Task Every_image_is_pinned_to_a_tag_other_than_latest(string kustomization)
    {
        var manifests = await RenderedManifests.RenderAsync(kustomization);

        foreach (var container in manifests.Pods.SelectMany(pod => pod.Containers))
        {
            Assert.Matches(PinnedImage(), container.Image);
        }
    }

    [Theory]
    [MemberData(nameof(EverythingWithPods))]
    public async Task No_secret_value_is_written_literally_in_a_container_environment(string kustomization)
    {
        var manifests = await RenderedManifests.RenderAsync(kustomization);

        foreach (var variable in manifests.Pods.SelectMany(pod => pod.Containers).SelectMany(c => c.Env ?? []))
        {
            if (variable.Value is null)
            {
                continue;
            }

            Assert.DoesNotMatch(SecretLookingName(), variable.Name);
            Assert.DoesNotMatch(SecretLookingValue(), variable.Value);
        }

        var configMapValues = manifests.OfKind<V1ConfigMap>().SelectMany(map => map.Data ?? new Dictionary<string, string>());
        Assert.All(configMapValues, pair => Assert.DoesNotMatch(SecretLookingValue(), pair.Key.EndsWith(".sh", StringComparison.Ordinal) ? "" : pair.Value));
    }

    [Theory]
    [InlineData("overlays/staging")]
    [InlineData("overlays/production")]
    public async Task Ingress_serves_every_host_over_tls_from_cert_manager(string overlay)
    {
        var manifests = await RenderedManifests.RenderAsync(overlay);

        var ingress = Assert.Single(manifests.OfKind<V1Ingress>());
        Assert.Equal("nginx", ingress.Spec.IngressClassName);
        Assert.Equal("letsencrypt-production", ingress.Metadata.Annotations["cert-manager.io/cluster-issuer"]);
        var tls = Assert.Single(ingress.Spec.Tls);
        Assert.False(string.IsNullOrEmpty(tls.SecretName));
        Assert.Equal(ingress.Spec.Rules.Select(rule => rule.Host), tls.Hosts);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Ingress_routes_only_to_the_public_port_never_to_management(string overlay)
    {
        var manifests = await RenderedManifests.RenderAsync(overlay);

        foreach (var backend in manifests.OfKind<V1Ingress>().SelectMany(i => i.Spec.Rules).SelectMany(r => r.Http.Paths).Select(p => p.Backend.Service))
        {
            var service = manifests.Named<V1Service>(backend.Name);
            var port = Assert.Single(service.Spec.Ports, p => p.Name == backend.Port.Name);
            Assert.Equal("http", port.TargetPort.Value);
            Assert.DoesNotContain(service.Spec.Ports, p => p.TargetPort.Value is "management" or "9090");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_environment_variable_of_the_app_is_a_configuration_key_it_reads(string overlay)
    {
        var manifests = await RenderedManifests.RenderAsync(overlay);
        var keys = AppSettings.Keys();

        foreach (var container in manifests.AppPods.SelectMany(pod => pod.Containers))
        {
            var variables = ContainerEnvironment.Of(container, manifests).Keys;
            Assert.Contains("ConnectionStrings__Postgres", variables);
            foreach (var variable in variables)
            {
                Assert.True(
                    variable.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                    || variable.StartsWith("DOTNET_", StringComparison.Ordinal)
                    || keys.Contains(variable.Replace("__", ":", StringComparison.Ordinal)),
                    $"{container.Name}: {variable} is not a key in appsettings.json");
            }
        }
    }

    [Theory]
    [MemberData(nameof(EverythingWithPods))]
    public async Task Every_referenced_config_map_and_secret_is_generated(string kustomization)
    {
        var manifests = await RenderedManifests.RenderAsync(kustomization);
        var configMaps = manifests.OfKind<V1ConfigMap>().Select(c => c.Name()).ToHashSet();
        var secrets = manifests.OfKind<V1Secret>().Select(s => s.Name()).ToHashSet();
        var isRestore = kustomization == "restore"; // applied on its own, next to an overlay's objects

        foreach (var pod in manifests.Pods)
        {
            foreach (var source in pod.Containers.SelectMany(c => c.EnvFrom ?? []))
            {
                Assert.True(isRestore || source.ConfigMapRef is null || configMaps.Contains(source.ConfigMapRef.Name), $"{pod.Owner}: {source.ConfigMapRef?.Name}");
                Assert.True(isRestore || source.SecretRef is null || secrets.Contains(source.SecretRef.Name), $"{pod.Owner}: {source.SecretRef?.Name}");
            }
        }

        if (isRestore)
        {
            var overlay = await RenderedManifests.RenderAsync("overlays/production");
            var restore = Assert.Single(manifests.Pods);
            Assert.Contains("monoapp-backup-scripts", overlay.OfKind<V1ConfigMap>().Select(c => c.Name()));
            Assert.Contains(restore.Spec.Volumes, v => v.ConfigMap?.Name == "monoapp-backup-scripts");
            var backupSecret = Assert.Single(restore.Containers.SelectMany(c => c.EnvFrom).Select(e => e.SecretRef.Name).Distinct());
            Assert.Contains(overlay.OfKind<V1Secret>(), s => s.Name().StartsWith(backupSecret + "-", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Web_rolls_out_without_losing_capacity_and_drains_in_flight_requests(string overlay)
    {
        var manifests = await RenderedManifests.RenderAsync(overlay);
        var web = manifests.Named<V1Deployment>("monoapp-web");

        Assert.Equal("0", web.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.InRange(web.Spec.RevisionHistoryLimit ?? 0, 3, 20);
        var container = web.Spec.Template.Spec.Containers.Single(c => c.Name == "web");
        var preStop = container.Lifecycle.PreStop.Sleep.Seconds;
        // The host stops within its 30 s shutdown timeout after the preStop pause.
        Assert.True(web.Spec.Template.Spec.TerminationGracePeriodSeconds > preStop + 30);
        Assert.Contains(web.Spec.Template.Spec.TopologySpreadConstraints, t => t.TopologyKey == "kubernetes.io/hostname");

        var migrate = Assert.Single(web.Spec.Template.Spec.InitContainers);
        Assert.Equal(["migrate"], migrate.Args);
        Assert.Equal(container.Image, migrate.Image);

        var worker = manifests.Named<V1Deployment>("monoapp-worker");
        Assert.Equal(["worker"], worker.Spec.Template.Spec.Containers.Single().Args);
        Assert.Equal(container.Image, worker.Spec.Template.Spec.Containers.Single().Image);
        Assert.True(worker.Spec.Template.Spec.TerminationGracePeriodSeconds > web.Spec.Template.Spec.TerminationGracePeriodSeconds);
        Assert.DoesNotContain(manifests.OfKind<V1Service>(), s => s.Spec.Selector.Matches(worker.Spec.Template.Metadata.Labels));
    }

    private static string VolumeType(V1Volume volume) =>
        typeof(V1Volume).GetProperties().Single(p => p.Name != nameof(V1Volume.Name) && p.GetValue(volume) is not null).Name;

    [GeneratedRegex(@"^[^@\s]+(:(?!latest$)[\w][\w.-]*)(@sha256:[0-9a-f]{64})?$|^[^@\s]+@sha256:[0-9a-f]{64}$")]
    private static partial Regex PinnedImage();

    [GeneratedRegex("(?i)(password|secret|token|apikey|access_?key|connectionstrings)")]
    private static partial Regex SecretLookingName();

    [GeneratedRegex(@"(?i)(password\s*=|pwd\s*=|://[^/\s:]+:[^@\s]+@)")]
    private static partial Regex SecretLookingValue();
}
