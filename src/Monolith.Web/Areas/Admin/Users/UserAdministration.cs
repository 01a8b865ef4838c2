using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.AspNetCore.WebUtilities;
using Monolith.Web.Accounts;
using Monolith.Web.Caching;
using Monolith.Web.Data;

namespace Monolith.Web.Areas.Admin.Users;

/// <summary>
/// The admin's actions on an account, through <see cref="UserManager{TUser}"/> so that normalisation,
/// security stamps and stores stay right. An admin never removes the last admin who can sign in (by the
/// role, a lock or a deletion), nor their own admin role, lock or account: those are refused and change nothing.
/// </summary>
public sealed class UserAdministration(UserManager<AppUser> users, IEmailSender email, CacheInvalidator cache, TimeProvider clock)
{
    public async Task<UserChange> AddRoleAsync(AppUser user, string role)
    {
        if (await users.IsInRoleAsync(user, role))
        {
            return UserChange.Refused($"{user.Email} already has the role {role}.");
        }

        return Outcome(await users.AddToRoleAsync(user, role), $"{user.Email} now has the role {role}.");
    }

    public async Task<UserChange> RemoveRoleAsync(AppUser user, string role, string actingUserId)
    {
        if (!await users.IsInRoleAsync(user, role))
        {
            return UserChange.Refused($"{user.Email} does not have the role {role}.");
        }

        if (role == Roles.Admin && await AdminRuleProblemAsync(user, actingUserId, "remove your own admin role") is { } problem)
        {
            return problem;
        }

        return Outcome(await users.RemoveFromRoleAsync(user, role), $"{user.Email} no longer has the role {role}.");
    }

    /// <summary>Locks until unlocked, and changes the security stamp so the user's open sessions end at their next check.</summary>
    public async Task<UserChange> LockAsync(AppUser user, string actingUserId)
    {
        if (await AdminRuleProblemAsync(user, actingUserId, "lock your own account") is { } problem)
        {
            return problem;
        }

        if (!user.LockoutEnabled && await users.SetLockoutEnabledAsync(user, true) is { Succeeded: false } enabling)
        {
            return Outcome(enabling, "");
        }

        if (await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue) is { Succeeded: false } locking)
        {
            return Outcome(locking, "");
        }

        return Outcome(await users.UpdateSecurityStampAsync(user), $"{user.Email} is locked: they cannot sign in until unlocked.");
    }

    public async Task<UserChange> UnlockAsync(AppUser user)
    {
        if (await users.SetLockoutEndDateAsync(user, null) is { Succeeded: false } unlocking)
        {
            return Outcome(unlocking, "");
        }

        return Outcome(await users.ResetAccessFailedCountAsync(user), $"{user.Email} is unlocked.");
    }

    public async Task<UserChange> ConfirmEmailAsync(AppUser user)
    {
        if (user.EmailConfirmed)
        {
            return UserChange.Refused($"{user.Email} is already confirmed.");
        }

        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        return Outcome(await users.ConfirmEmailAsync(user, token), $"{user.Email} is confirmed.");
    }

    /// <summary>
    /// The same email as Identity's "forgot password" page; <paramref name="resetLink"/> turns the encoded
    /// token into the absolute address of its ResetPassword page.
    /// </summary>
    public async Task<UserChange> SendPasswordResetAsync(AppUser user, Func<string, string> resetLink)
    {
        if (string.IsNullOrEmpty(user.Email))
        {
            return UserChange.Refused("This account has no email address to send a reset link to.");
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = resetLink(WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token)));
        await email.SendEmailAsync(user.Email, "Reset Password",
            $"Please reset your password by <a href='{HtmlEncoder.Default.Encode(link)}'>clicking here</a>.");
        return UserChange.Done($"A password reset link was sent to {user.Email}.");
    }

    /// <summary>Deletes the account; the database deletes the rows it owns with it (their projects, roles, logins). Audit entries stay.</summary>
    public async Task<UserChange> DeleteAsync(AppUser user, string actingUserId, CancellationToken cancellationToken)
    {
        if (await AdminRuleProblemAsync(user, actingUserId, "delete your own account here") is { } problem)
        {
            return problem;
        }

        var result = await users.DeleteAsync(user);
        if (result.Succeeded)
        {
            await cache.InvalidateAsync(CacheTags.Accounts, cancellationToken);
        }

        return Outcome(result, $"{user.Email} and their data are deleted.");
    }

    private async Task<UserChange?> AdminRuleProblemAsync(AppUser user, string actingUserId, string selfAction)
    {
        if (user.Id == actingUserId)
        {
            return UserChange.Refused($"You cannot {selfAction}: ask another admin.");
        }

        // A locked admin already cannot sign in: demoting, locking or deleting them leaves as many admins as before.
        var now = clock.GetUtcNow();
        if (IsLocked(user, now) || !await users.IsInRoleAsync(user, Roles.Admin))
        {
            return null;
        }

        var otherActiveAdmins = (await users.GetUsersInRoleAsync(Roles.Admin)).Count(a => a.Id != user.Id && !IsLocked(a, now));
        return otherActiveAdmins == 0
            ? UserChange.Refused($"{user.Email} is the last admin who can sign in: make another account admin first.")
            : null;
    }

    private static bool IsLocked(AppUser user, DateTimeOffset now) => user.LockoutEnabled && user.LockoutEnd > now;

    private static UserChange Outcome(IdentityResult result, string done) =>
        result.Succeeded
            ? UserChange.Done(done)
            : UserChange.Refused(string.Join(" ", result.Errors.Select(e => e.Description)));
}
