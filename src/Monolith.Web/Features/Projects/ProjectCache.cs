namespace Monolith.Web.Features.Projects;

/// <summary>The per-user project list in HybridCache: one key and one tag per user, dropped on every change.</summary>
public static class ProjectCache
{
    public static string ListKey(string ownerId) => $"projects:list:{ownerId}";

    /// <summary>Everything cached about one user's projects; pass it to <c>CacheInvalidator.InvalidateAsync</c> after a change.</summary>
    public static string Tag(string ownerId) => $"projects:user:{ownerId}";
}

public sealed record ProjectSummary(int Id, string Name, ProjectStatus Status, DateTimeOffset UpdatedAt);
