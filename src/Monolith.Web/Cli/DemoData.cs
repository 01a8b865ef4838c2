using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Monolith.Web.Data;
using Monolith.Web.Features.Projects;

namespace Monolith.Web.Cli;

/// <summary>Demo accounts (an admin and two users, emails confirmed) with sample projects, for `seed`.</summary>
internal sealed class DemoData(AppDbContext db, TimeProvider clock)
{
    public const string AdminRole = "Admin";
    private const string NormalizedAdminRole = "ADMIN";

    private static readonly (string Email, bool Admin, string[] Projects)[] Accounts =
    [
        ("admin@example.com", true, []),
        ("alice@example.com", false, ["Website relaunch", "Customer interviews", "Q3 newsletter"]),
        ("bob@example.com", false, ["Mobile app", "Pricing experiment"]),
    ];

    public Task<bool> DatabaseHasUsersAsync(CancellationToken cancellationToken) => db.Users.AnyAsync(cancellationToken);

    /// <summary>Deletes the demo accounts (their projects and role links go with them).</summary>
    public Task RemoveAsync(CancellationToken cancellationToken)
    {
        var emails = Accounts.Select(a => a.Email.ToUpperInvariant()).ToList();
        return db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Creates the accounts with new random passwords and returns them, to be shown once.</summary>
    public async Task<IReadOnlyList<(string Email, string Password, bool Admin)>> CreateAsync(CancellationToken cancellationToken)
    {
        var hasher = new PasswordHasher<AppUser>();
        var now = clock.GetUtcNow();
        var adminRole = await db.Roles.SingleOrDefaultAsync(r => r.NormalizedName == NormalizedAdminRole, cancellationToken);
        if (adminRole is null)
        {
            adminRole = new IdentityRole(AdminRole) { NormalizedName = NormalizedAdminRole };
            db.Roles.Add(adminRole);
        }

        var created = new List<(string, string, bool)>();
        foreach (var (email, admin, projects) in Accounts)
        {
            var user = new AppUser
            {
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                CreatedAt = now,
            };
            var password = NewPassword();
            user.PasswordHash = hasher.HashPassword(user, password);
            db.Users.Add(user);
            if (admin)
            {
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = adminRole.Id });
            }

            db.Projects.AddRange(projects.Select((name, i) => new Project
            {
                OwnerId = user.Id,
                Name = name,
                Description = $"Sample project {i + 1} of {email}.",
                Status = (ProjectStatus)(i % Enum.GetValues<ProjectStatus>().Length),
                CreatedAt = now,
                UpdatedAt = now,
            }));
            created.Add((email, password, admin));
        }

        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    // Lower case, upper case, digits and a separator: meets ASP.NET Core Identity's default password rules.
    private static string NewPassword() =>
        $"{RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz", 6)}-"
        + $"{RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ", 6)}-"
        + RandomNumberGenerator.GetString("23456789", 4);
}
