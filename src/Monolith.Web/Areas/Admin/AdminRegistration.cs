using FluentValidation;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monolith.Web.Areas.Admin.History;
using Monolith.Web.Areas.Admin.Models;
using Monolith.Web.Areas.Admin.Users;

namespace Monolith.Web.Areas.Admin;

public static class AdminRegistration
{
    /// <summary>The admin area at /admin (Admin role only), its model registrations and the audit history of every change.</summary>
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddSingleton<IInterceptor, AuditInterceptor>();
        services.AddScoped<UserQueries>();
        services.AddScoped<UserAdministration>();
        services.AddValidatorsFromAssemblyContaining<AdminOptions>(includeInternalTypes: true);

        var registry = new ModelAdminRegistry();
        AdminModels.Register(registry);
        services.AddSingleton(registry);
        services.AddAuthorizationBuilder().AddPolicy(AdminAuthorization.Policy, policy => policy.RequireRole(AdminAuthorization.Role));
        return builder;
    }

    /// <summary>The admin pages are attribute-routed under /admin; this maps them where pages are served.</summary>
    public static WebApplication MapAdmin(this WebApplication app)
    {
        if (AppRoles.Read(app.Configuration).ServesPages())
        {
            app.MapControllers();
        }

        return app;
    }
}
