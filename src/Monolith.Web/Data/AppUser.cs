using Microsoft.AspNetCore.Identity;

namespace Monolith.Web.Data;

public sealed class AppUser : IdentityUser
{
    /// <summary>When the account was created; part of the user's personal data download.</summary>
    [PersonalData]
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
