using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Monolith.Web.Areas.Admin.History;
using Monolith.Web.Data;

namespace Monolith.Web.Areas.Admin.Users;

/// <summary>What the users pages read: a filtered page of accounts, and one account with its roles and history.</summary>
public sealed class UserQueries(AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    private const int HistoryLength = 20;

    public async Task<UserListPage> ListAsync(UserListRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var accounts = db.Users.AsNoTracking();
        if (request.Search is { } search)
        {
            var normalized = users.NormalizeEmail(search);
            accounts = accounts.Where(u => u.NormalizedEmail!.Contains(normalized));
        }

        if (request.Role is { } role)
        {
            var normalizedRole = role.ToUpperInvariant();
            accounts = accounts.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == normalizedRole)));
        }

        accounts = request.Locked switch
        {
            true => accounts.Where(u => u.LockoutEnabled && u.LockoutEnd != null && u.LockoutEnd > now),
            false => accounts.Where(u => !u.LockoutEnabled || u.LockoutEnd == null || u.LockoutEnd <= now),
            null => accounts,
        };
        accounts = request.Confirmed is { } confirmed ? accounts.Where(u => u.EmailConfirmed == confirmed) : accounts;

        var total = await accounts.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + request.Size - 1) / request.Size);
        var page = Math.Min(request.Page, pageCount);
        var rows = await accounts.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id)
            .Skip((page - 1) * request.Size).Take(request.Size)
            .Select(u => new { u.Id, u.Email, u.EmailConfirmed, u.LockoutEnabled, u.LockoutEnd, u.CreatedAt })
            .ToListAsync(cancellationToken);
        var roles = await RolesOfAsync([.. rows.Select(r => r.Id)], cancellationToken);
        return new UserListPage(
            request with { Page = page },
            [.. rows.Select(r => new UserRow(
                r.Id, r.Email, r.EmailConfirmed, r.LockoutEnabled && r.LockoutEnd > now ? r.LockoutEnd : null, r.CreatedAt,
                roles.GetValueOrDefault(r.Id, [])))],
            total,
            await RoleNamesAsync(cancellationToken));
    }

    public async Task<UserDetails> DetailsAsync(AppUser user, string? error, CancellationToken cancellationToken) =>
        new(
            user,
            [.. (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal)],
            await RoleNamesAsync(cancellationToken),
            await users.IsLockedOutAsync(user),
            await users.GetTwoFactorEnabledAsync(user),
            await db.Set<AuditEntry>().AsNoTracking()
                .Where(e => e.EntityType == nameof(AppUser) && e.EntityKey == user.Id)
                .OrderByDescending(e => e.Id).Take(HistoryLength)
                .ToListAsync(cancellationToken),
            error);

    private Task<List<string>> RoleNamesAsync(CancellationToken cancellationToken) =>
        db.Roles.Select(r => r.Name!).OrderBy(n => n).ToListAsync(cancellationToken);

    private async Task<Dictionary<string, IReadOnlyList<string>>> RolesOfAsync(List<string> userIds, CancellationToken cancellationToken)
    {
        var links = await db.UserRoles.Where(ur => userIds.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        return links.GroupBy(l => l.UserId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(l => l.Name!).Order(StringComparer.Ordinal)]);
    }
}
