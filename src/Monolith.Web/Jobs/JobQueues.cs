namespace Monolith.Web.Jobs;

/// <summary>Queue names; each has its own workers (<c>Jobs:Workers:&lt;queue&gt;</c>) so a flood of low jobs never delays critical ones.</summary>
public static class JobQueues
{
    public const string Critical = "critical";
    public const string Default = "default";
    public const string Low = "low";

    public static readonly IReadOnlyList<string> All = [Critical, Default, Low];
}
