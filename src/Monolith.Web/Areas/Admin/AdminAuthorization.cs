namespace Monolith.Web.Areas.Admin;

/// <summary>The admin area is for the <c>Admin</c> role only: anonymous users are challenged, others get 403.</summary>
public static class AdminAuthorization
{
    public const string Policy = "Admin";

    public const string Role = Accounts.Roles.Admin;
}
