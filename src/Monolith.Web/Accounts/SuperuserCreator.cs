using Microsoft.AspNetCore.Identity;
using Monolith.Web.Data;

namespace Monolith.Web.Accounts;

/// <summary>Creates a confirmed account in the <see cref="Roles.Admin"/> role, or promotes an existing one.</summary>
public sealed class SuperuserCreator(UserManager<AppUser> users)
{
    public async Task<bool> ExistsAsync(string email) => await users.FindByEmailAsync(email) is not null;

    /// <summary>Adds the existing account to the Admin role and confirms its email; its password is kept.</summary>
    public async Task PromoteAsync(string email)
    {
        var user = await users.FindByEmailAsync(email)
            ?? throw new StartupException($"No account has the email {email}.");
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            Check(await users.UpdateAsync(user));
        }

        if (!await users.IsInRoleAsync(user, Roles.Admin))
        {
            Check(await users.AddToRoleAsync(user, Roles.Admin));
        }
    }

    /// <summary>Creates the account with the same email and password rules as sign-up.</summary>
    public async Task CreateAsync(string email, string password)
    {
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, Roles.Admin));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new StartupException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
