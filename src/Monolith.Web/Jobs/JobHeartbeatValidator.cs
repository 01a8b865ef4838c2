using FluentValidation;

namespace Monolith.Web.Jobs;

/// <summary>Used by the admin's form (and any other writer that validates): a host is a host name, not free text.</summary>
internal sealed class JobHeartbeatValidator : AbstractValidator<JobHeartbeat>
{
    public JobHeartbeatValidator()
    {
        RuleFor(h => h.Name).NotEmpty().MaximumLength(200);
        RuleFor(h => h.Host).NotEmpty().MaximumLength(200)
            .Matches("^[A-Za-z0-9][A-Za-z0-9.:_-]*$").WithMessage("Host must be a host name: letters, digits, dots, hyphens.");
    }
}
