using Monolith.Web.Data;
using Monolith.Web.Features.Projects;
using Monolith.Web.Jobs;

namespace Monolith.Web.Areas.Admin.Models;

/// <summary>
/// The one place where entities join the admin (Django's <c>admin.site.register</c>).
/// <c>admin.Register&lt;Invoice&gt;()</c> alone gives a list and a form from the EF Core model.
/// </summary>
internal static class AdminModels
{
    public static void Register(ModelAdminRegistry admin)
    {
        // Users are managed at /admin/users (roles, lock-out, deletion with their data); here the table is only listed.
        admin.Register<AppUser>(m => m
            .Named("User table")
            .List(u => u.Email, u => u.EmailConfirmed, u => u.LockoutEnd, u => u.CreatedAt)
            .Search(u => u.Email, u => u.UserName)
            .Filter(u => u.EmailConfirmed, u => u.CreatedAt)
            .OrderBy(u => u.CreatedAt, descending: true)
            .ViewOnly());

        admin.Register<JobHeartbeat>(m => m
            .Named("Job heartbeats")
            .List(h => h.Name, h => h.Host, h => h.LastRunAt)
            .Search(h => h.Name, h => h.Host)
            .Filter(h => h.Host, h => h.LastRunAt)
            .OrderBy(h => h.Name));

        admin.Register<Project>(m => m
            .List(p => p.Name, p => p.Owner!.Email, p => p.Status, p => p.CreatedAt)
            .Search(p => p.Name, p => p.Description)
            .Filter(p => p.Status, p => p.CreatedAt)
            .OrderBy(p => p.CreatedAt, descending: true)
            .ReadOnly(p => p.NormalizedName));
    }
}
