using Microsoft.AspNetCore.Identity;

namespace Monolith.Web.Accounts;

/// <summary>Role names for <c>[Authorize(Roles = Roles.Admin)]</c>; each is created by a migration.</summary>
public static class Roles
{
    /// <summary>Full access: the admin area and operational dashboards. Granted by <c>createsuperuser</c>.</summary>
    public const string Admin = "Admin";

    /// <summary>The rows the migrations insert. Fixed ids and stamps keep the model stable between builds.</summary>
    internal static IReadOnlyList<IdentityRole> Seeded { get; } =
    [
        new IdentityRole(Admin)
        {
            Id = "0c4f6bd8-4d1f-4a67-9a3b-5f0d2a8e7c11",
            NormalizedName = "ADMIN",
            ConcurrencyStamp = "b7e3a0f2-61c5-4a8e-8d4f-2c9e1f6a3b70",
        },
    ];
}
