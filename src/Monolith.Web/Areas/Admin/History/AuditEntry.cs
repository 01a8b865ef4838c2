using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Monolith.Web.Areas.Admin.History;

/// <summary>One create, update or delete of one row, by whom and when: Django's LogEntry.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>UTC. A DateTime rather than a DateTimeOffset so that both providers sort and filter it natively.</summary>
    public DateTime At { get; set; }

    public string? UserId { get; set; }

    /// <summary>The signed-in user's name, or <c>system</c> for jobs, commands and start-up.</summary>
    public required string UserName { get; set; }

    /// <summary>The entity's CLR type name, e.g. <c>AppUser</c>.</summary>
    public required string EntityType { get; set; }

    public required string EntityKey { get; set; }

    public AuditAction Action { get; set; }

    /// <summary>JSON list of <see cref="AuditChange"/>; secrets are never in it.</summary>
    public string Changes { get; set; } = "[]";

    public IReadOnlyList<AuditChange> ReadChanges() =>
        JsonSerializer.Deserialize<List<AuditChange>>(Changes) ?? [];
}

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
}

/// <summary>A field's value before and after, as invariant text (null when absent).</summary>
public sealed record AuditChange(string Field, string? Old, string? New);

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.Property(e => e.EntityType).HasMaxLength(200);
        builder.Property(e => e.EntityKey).HasMaxLength(200);
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(e => new { e.EntityType, e.EntityKey, e.Id });
        builder.HasIndex(e => e.At);
    }
}
