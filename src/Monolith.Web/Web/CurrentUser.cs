using System.Security.Claims;

namespace Monolith.Web.Web;

public static class CurrentUser
{
    /// <summary>The signed-in user's id (<c>AppUser.Id</c>); only for actions behind <c>[Authorize]</c>.</summary>
    public static string Id(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("The user is not signed in: put [Authorize] on the action.");
}
