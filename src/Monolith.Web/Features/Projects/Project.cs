using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Monolith.Web.Data;

namespace Monolith.Web.Features.Projects;

public enum ProjectStatus
{
    Planned,
    Active,
    OnHold,
    Done,
}

/// <summary>A user's project. Every query for one goes through <see cref="ProjectQueries.OwnedBy"/>.</summary>
public sealed class Project
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 2000;

    public int Id { get; set; }

    /// <summary>Setting the name also sets <see cref="NormalizedName"/>, which makes names unique per owner ignoring case.</summary>
    public string Name
    {
        get;
        set
        {
            field = value;
            NormalizedName = Normalize(value);
        }
    } = "";

    public string NormalizedName { get; private set; } = "";

    public string? Description { get; set; }

    public ProjectStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string OwnerId { get; set; }

    public AppUser? Owner { get; set; }

    /// <summary>The same on every database: PostgreSQL compares case-sensitively, SQLite only folds ASCII.</summary>
    public static string Normalize(string name) => name.ToUpperInvariant();
}

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.ToTable("Projects");
        builder.Property(p => p.Name).HasMaxLength(Project.NameMaxLength);
        builder.Property(p => p.NormalizedName).HasMaxLength(Project.NameMaxLength);
        builder.Property(p => p.Description).HasMaxLength(Project.DescriptionMaxLength);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        // The database, not only the validator, guarantees one name per owner: a double-submitted
        // form or two racing requests cannot both insert.
        builder.HasIndex(p => new { p.OwnerId, p.NormalizedName }).IsUnique();
        // The admin list's default order (newest first, the key breaking ties): its pages read the index
        // instead of sorting the whole table (bench/admin).
        builder.HasIndex(p => new { p.CreatedAt, p.Id });
        builder.HasOne(p => p.Owner).WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal static class ProjectQueries
{
    /// <summary>Ownership is part of the query: another user's project is simply not found.</summary>
    public static IQueryable<Project> OwnedBy(this IQueryable<Project> projects, string ownerId) =>
        projects.Where(p => p.OwnerId == ownerId);

    /// <summary>Whether the owner has another project with this name, ignoring case.</summary>
    public static Task<bool> NameTakenAsync(
        this IQueryable<Project> projects, string ownerId, string name, int? exceptProjectId, CancellationToken cancellationToken)
    {
        var normalized = Project.Normalize(name);
        return projects.OwnedBy(ownerId)
            .AnyAsync(p => p.NormalizedName == normalized && p.Id != exceptProjectId, cancellationToken);
    }
}
