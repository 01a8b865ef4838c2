namespace Monolith.Web.Features.Projects;

/// <summary>The <c>Exports</c> configuration section.</summary>
public sealed class ExportOptions
{
    public const string Section = "Exports";

    /// <summary>How long after an export is written its download link works.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(24);
}
