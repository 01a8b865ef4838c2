using FluentValidation;
using Monolith.Web.Data;

namespace Monolith.Web.Features.Projects;

public sealed class ProjectFormValidator : AbstractValidator<ProjectForm>
{
    public const string NameTaken = "You already have a project with this name.";

    public ProjectFormValidator(AppDbContext db)
    {
        RuleFor(form => form.Name)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a name.")
            .MaximumLength(Project.NameMaxLength).WithMessage($"Use at most {Project.NameMaxLength} characters.")
            .MustAsync(async (form, name, cancellationToken) =>
                !await db.Projects.NameTakenAsync(form.OwnerId, name, form.ProjectId, cancellationToken))
            .WithMessage(NameTaken);
        RuleFor(form => form.Description)
            .MaximumLength(Project.DescriptionMaxLength).WithMessage($"Use at most {Project.DescriptionMaxLength} characters.");
        RuleFor(form => form.Status).IsInEnum().WithMessage("Choose a status from the list.");
    }
}
