using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Monolith.Testing;

namespace Monolith.Tests.Deployment;

/// <summary>
/// A kustomization under k8s/ rendered by <c>kubectl kustomize</c> and loaded with the Kubernetes
/// client's strict YAML loader (an unknown field or a wrong type fails). Rendered from a copy of k8s/
/// whose git-ignored secret files are the committed <c>*.env.example</c> files, as on a fresh clone.
/// </summary>
public sealed class RenderedManifests
{
    /// <summary>What a user deploys with <c>kubectl apply -k</c>.</summary>
    public static readonly IReadOnlyList<string> Overlays = ["overlays/staging", "overlays/production", "overlays/local"];

    /// <summary>Everything that renders: the overlays, the cluster-wide objects and the on-demand restore Job.</summary>
    public static readonly IReadOnlyList<string> Kustomizations = [.. Overlays, "cluster", "restore"];

    private static readonly ConcurrentDictionary<string, Lazy<Task<RenderedManifests>>> Rendered = new();
    private static readonly Lazy<string> TreeWithExampleSecrets = new(CopyTreeWithExampleSecrets);

    private RenderedManifests(IReadOnlyList<object> objects) => Objects = objects;

    public IReadOnlyList<object> Objects { get; }

    public IEnumerable<T> OfKind<T>() => Objects.OfType<T>();

    /// <summary>Every pod template: Deployments, StatefulSets, Jobs and the Jobs of CronJobs.</summary>
    public IEnumerable<PodTemplate> Pods => Objects.SelectMany<object, PodTemplate>(item => item switch
    {
        V1Deployment d => [new($"Deployment/{d.Name()}", d.Spec.Template)],
        V1StatefulSet s => [new($"StatefulSet/{s.Name()}", s.Spec.Template)],
        V1DaemonSet s => [new($"DaemonSet/{s.Name()}", s.Spec.Template)],
        V1Job j => [new($"Job/{j.Name()}", j.Spec.Template)],
        V1CronJob c => [new($"CronJob/{c.Name()}", c.Spec.JobTemplate.Spec.Template)],
        _ => [],
    });

    /// <summary>The pods that run the app's image: web and worker (each with its migrate init container).</summary>
    public IEnumerable<PodTemplate> AppPods => Pods.Where(pod => pod.Component is "web" or "worker");

    public T Named<T>(string name) where T : IKubernetesObject<V1ObjectMeta> =>
        OfKind<T>().Single(item => item.Name() == name);

    public static Task<RenderedManifests> RenderAsync(string kustomization) =>
        Rendered.GetOrAdd(kustomization, path => new Lazy<Task<RenderedManifests>>(() => RenderNowAsync(path))).Value;

    public static IList<object> LoadStrictly(string yaml) =>
        KubernetesYaml.LoadAllFromString(yaml, CustomResource.TypeMap, strict: true);

    private static async Task<RenderedManifests> RenderNowAsync(string kustomization)
    {
        var (exitCode, yaml, stderr) = await AppProcess.RunAsync(
            "kubectl", ["kustomize", Path.Combine(TreeWithExampleSecrets.Value, kustomization)],
            new Dictionary<string, string>(), TestServices.RepositoryRoot, TimeSpan.FromMinutes(1));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize k8s/{kustomization} failed:\n{stderr}");
        }

        return new RenderedManifests([.. LoadStrictly(yaml)]);
    }

    private static string CopyTreeWithExampleSecrets()
    {
        var source = Path.Combine(TestServices.RepositoryRoot, "k8s");
        var copy = Directory.CreateTempSubdirectory("k8s-rendered-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(copy, recursive: true);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".env", StringComparison.Ordinal))
            {
                continue; // a developer's real secrets: the examples stand in for them
            }

            var target = Path.Combine(copy, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            if (target.EndsWith(".env.example", StringComparison.Ordinal))
            {
                File.Copy(file, target[..^".example".Length]);
            }
        }

        return copy;
    }
}

/// <summary>A pod template and the object that owns it (<c>Deployment/monoapp-web</c>).</summary>
public sealed record PodTemplate(string Owner, V1PodTemplateSpec Template)
{
    public V1PodSpec Spec => Template.Spec;

    public IDictionary<string, string> Labels => Template.Metadata?.Labels ?? new Dictionary<string, string>();

    public string? Component => Labels.TryGetValue("app.kubernetes.io/component", out var component) ? component : null;

    public IEnumerable<V1Container> Containers => (Spec.InitContainers ?? []).Concat(Spec.Containers);
}
