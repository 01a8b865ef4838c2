using Microsoft.AspNetCore.Identity;

namespace Monolith.Web.Data;

public sealed class AppUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
