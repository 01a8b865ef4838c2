using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Monolith.Web.Areas.Admin.History;

namespace Monolith.Web.Jobs;

/// <summary>When a named job last ran, and where: proof that workers are alive (shown by `check`).</summary>
public sealed class JobHeartbeat
{
    public required string Name { get; set; }

    /// <summary>Updated every minute: not audited, or the history would be mostly heartbeats.</summary>
    [AuditIgnore]
    public DateTimeOffset LastRunAt { get; set; }

    public required string Host { get; set; }
}

internal sealed class JobHeartbeatConfiguration : IEntityTypeConfiguration<JobHeartbeat>
{
    public void Configure(EntityTypeBuilder<JobHeartbeat> builder)
    {
        builder.ToTable("JobHeartbeats");
        builder.HasKey(h => h.Name);
        builder.Property(h => h.Name).HasMaxLength(200);
        builder.Property(h => h.Host).HasMaxLength(200);
    }
}
