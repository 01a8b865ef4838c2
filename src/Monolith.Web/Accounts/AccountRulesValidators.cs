using Microsoft.AspNetCore.Identity;
using Monolith.Web.Data;

namespace Monolith.Web.Accounts;

/// <summary>Applies <see cref="EmailAddressRules"/> wherever an account is created or its email changed.</summary>
internal sealed class EmailAddressValidator : IUserValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user) =>
        Task.FromResult(EmailAddressRules.Problem(user.Email) is { } problem
            ? IdentityResult.Failed(new IdentityError { Code = "InvalidEmail", Description = problem })
            : IdentityResult.Success);
}

/// <summary>A long password is still weak when it is the user's own address or one repeated character.</summary>
internal sealed class GuessablePasswordValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success); // the length rule reports it
        }

        var localPart = user.Email?.Split('@')[0] ?? "";
        var guessable = password.Distinct().Count() == 1
            || (localPart.Length >= 3 && password.Contains(localPart, StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(guessable
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "GuessablePassword",
                Description = "Passwords must not contain your email address or repeat one character.",
            })
            : IdentityResult.Success);
    }
}
