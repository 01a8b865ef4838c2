using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Monolith.Web.Features.Projects;

/// <summary>The create/edit form. Text is trimmed as it is bound, so rules and storage see what the user meant.</summary>
public sealed class ProjectForm
{
    public string Name { get; set => field = value?.Trim() ?? ""; } = "";

    public string? Description { get; set => field = string.IsNullOrWhiteSpace(value) ? null : value.Trim(); }

    public ProjectStatus Status { get; set; } = ProjectStatus.Planned;

    /// <summary>Set by the controller, never by the form: whose names the unique rule checks.</summary>
    [BindNever]
    public string OwnerId { get; set; } = "";

    /// <summary>Set by the controller when editing: the project whose own name does not count as taken.</summary>
    [BindNever]
    public int? ProjectId { get; set; }

    public static ProjectForm From(Project project) => new()
    {
        Name = project.Name,
        Description = project.Description,
        Status = project.Status,
        OwnerId = project.OwnerId,
        ProjectId = project.Id,
    };

    public void ApplyTo(Project project, DateTimeOffset now)
    {
        project.Name = Name;
        project.Description = Description;
        project.Status = Status;
        project.UpdatedAt = now;
    }
}
