using System.Text;
using k8s.Models;

namespace Monolith.Tests.Deployment;

/// <summary>The environment variables a container gets: its ConfigMaps and Secrets (envFrom), then its own env.</summary>
public static class ContainerEnvironment
{
    public static IReadOnlyDictionary<string, string> Of(V1Container container, RenderedManifests manifests)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            var values = source.ConfigMapRef is { } map ? ConfigMap(manifests, map.Name)
                : source.SecretRef is { } secret ? Secret(manifests, secret.Name)
                : throw new InvalidOperationException($"{container.Name}: unsupported envFrom");
            foreach (var (key, value) in values)
            {
                environment[key] = value;
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            environment[variable.Name] = variable.Value
                ?? (variable.ValueFrom?.ConfigMapKeyRef is { } fromMap ? ConfigMap(manifests, fromMap.Name)[fromMap.Key]
                : variable.ValueFrom?.SecretKeyRef is { } fromSecret ? Secret(manifests, fromSecret.Name)[fromSecret.Key]
                : throw new InvalidOperationException($"{container.Name}: {variable.Name} comes from neither a value, a ConfigMap nor a Secret"));
        }

        return environment;
    }

    /// <summary>The variables that come from Secrets.</summary>
    public static IEnumerable<string> SecretKeys(V1Container container, RenderedManifests manifests) =>
        (container.EnvFrom ?? []).Where(source => source.SecretRef is not null)
            .SelectMany(source => Secret(manifests, source.SecretRef.Name).Keys)
            .Concat((container.Env ?? []).Where(v => v.ValueFrom?.SecretKeyRef is not null).Select(v => v.Name));

    private static IDictionary<string, string> ConfigMap(RenderedManifests manifests, string name) =>
        manifests.Named<V1ConfigMap>(name).Data ?? new Dictionary<string, string>();

    private static Dictionary<string, string> Secret(RenderedManifests manifests, string name)
    {
        var secret = manifests.Named<V1Secret>(name);
        var values = (secret.Data ?? new Dictionary<string, byte[]>())
            .ToDictionary(pair => pair.Key, pair => Encoding.UTF8.GetString(pair.Value));
        foreach (var (key, value) in secret.StringData ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        return values;
    }
}
