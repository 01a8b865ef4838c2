using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Monolith.Web.Data;

namespace Monolith.Web.Features.Projects;

/// <summary>
/// A user's latest CSV export (one row per user). Each request gets a new <see cref="FileId"/>: the
/// file's name and the download link, so an older job or link never serves a newer file.
/// </summary>
public sealed class ProjectExport
{
    public required string OwnerId { get; set; }

    public AppUser? Owner { get; set; }

    public Guid FileId { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>When the file was written; null while the job has not run yet.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    public bool IsDownloadable(DateTimeOffset now, TimeSpan linkLifetime) =>
        CompletedAt is { } completed && now < completed + linkLifetime;
}

internal sealed class ProjectExportConfiguration : IEntityTypeConfiguration<ProjectExport>
{
    public void Configure(EntityTypeBuilder<ProjectExport> builder)
    {
        builder.ToTable("ProjectExports");
        builder.HasKey(e => e.OwnerId);
        builder.HasOne(e => e.Owner).WithOne().HasForeignKey<ProjectExport>(e => e.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
