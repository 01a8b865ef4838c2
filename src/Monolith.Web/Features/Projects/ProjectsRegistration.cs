using FluentValidation;
using Monolith.Web.Jobs;

namespace Monolith.Web.Features.Projects;

public static class ProjectsRegistration
{
    public static WebApplicationBuilder AddProjects(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.Section)
            .Validate(options => options.LinkLifetime > TimeSpan.Zero, "Exports:LinkLifetime must be a positive time span such as 1.00:00:00.")
            .ValidateOnStart();
        services.AddScoped<IValidator<ProjectForm>, ProjectFormValidator>();
        services.AddSingleton<ExportFiles>();
        services.AddScoped<IPurgeStep, ExpiredExportsPurge>();
        return builder;
    }
}
