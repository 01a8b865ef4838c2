using k8s.Models;

namespace Monolith.Tests.Deployment;

/// <summary>Kubernetes label selector semantics: matchLabels and matchExpressions, all of which must hold.</summary>
public static class LabelSelectors
{
    public static bool Matches(this V1LabelSelector selector, IDictionary<string, string> labels) =>
        (selector.MatchLabels ?? new Dictionary<string, string>())
            .All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value)
        && (selector.MatchExpressions ?? []).All(expression => Matches(expression, labels));

    public static bool Matches(this IDictionary<string, string> selector, IDictionary<string, string> labels) =>
        new V1LabelSelector { MatchLabels = selector }.Matches(labels);

    private static bool Matches(V1LabelSelectorRequirement requirement, IDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(requirement.Key, out var value);
        return requirement.OperatorProperty switch
        {
            "In" => present && requirement.Values.Contains(value!),
            "NotIn" => !present || !requirement.Values.Contains(value!),
            "Exists" => present,
            "DoesNotExist" => !present,
            _ => throw new InvalidOperationException($"Unknown selector operator {requirement.OperatorProperty}"),
        };
    }
}
