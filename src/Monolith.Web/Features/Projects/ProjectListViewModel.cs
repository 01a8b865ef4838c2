namespace Monolith.Web.Features.Projects;

public sealed record ProjectListViewModel(IReadOnlyList<ProjectSummary> Projects, ExportStatus Export);

/// <summary>What the list page says about the user's CSV export.</summary>
public sealed record ExportStatus(bool Pending, Guid? DownloadFileId, DateTimeOffset? ExpiresAt)
{
    public static ExportStatus Of(ProjectExport? export, DateTimeOffset now, TimeSpan linkLifetime) => export switch
    {
        null => new(false, null, null),
        { CompletedAt: null } => new(true, null, null),
        _ when export.IsDownloadable(now, linkLifetime) => new(false, export.FileId, export.CompletedAt + linkLifetime),
        _ => new(false, null, null),
    };
}
