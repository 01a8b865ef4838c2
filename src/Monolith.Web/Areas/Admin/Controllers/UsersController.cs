using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monolith.Web.Areas.Admin.Models;
using Monolith.Web.Areas.Admin.Users;
using Monolith.Web.Data;
using Monolith.Web.Web;

namespace Monolith.Web.Areas.Admin.Controllers;

/// <summary>Accounts: list, search, filter, look at one; roles, lock, password reset, email confirmation, deletion.</summary>
[Route("admin/users")]
public sealed class UsersController(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    UserQueries queries,
    UserAdministration administration,
    IOptions<AdminOptions> options) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(
        string? q, string? role, bool? locked, bool? confirmed, int page = 1, int? size = null, CancellationToken cancellationToken = default)
    {
        var pageSize = size ?? options.Value.PageSize;
        if (!ModelState.IsValid || page < 1 || pageSize < 1 || pageSize > options.Value.MaxPageSize)
        {
            return BadRequest($"locked and confirmed must be true or false, page at least 1, size between 1 and {options.Value.MaxPageSize}.");
        }

        string? roleName = null;
        if (role is { Length: > 0 } && (roleName = (await roles.FindByNameAsync(role))?.Name) is null)
        {
            return BadRequest("No such role.");
        }

        ViewData["Title"] = "Users";
        var search = q?.Trim() is { Length: > 0 } text ? text : null;
        return View(await queries.ListAsync(new UserListRequest(search, roleName, locked, confirmed, page, pageSize), cancellationToken));
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Details(string id, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(id) is { } user ? await DetailsViewAsync(user, null, cancellationToken) : NotFound();

    [HttpPost("{id}/roles/add")]
    public Task<IActionResult> AddRole(string id, string? role, CancellationToken cancellationToken) =>
        WithRoleAsync(id, role, (user, name) => administration.AddRoleAsync(user, name), cancellationToken);

    [HttpPost("{id}/roles/remove")]
    public Task<IActionResult> RemoveRole(string id, string? role, CancellationToken cancellationToken) =>
        WithRoleAsync(id, role, (user, name) => administration.RemoveRoleAsync(user, name, User.Id()), cancellationToken);

    [HttpPost("{id}/lock")]
    public Task<IActionResult> Lock(string id, CancellationToken cancellationToken) =>
        RunAsync(id, user => administration.LockAsync(user, User.Id()), cancellationToken);

    [HttpPost("{id}/unlock")]
    public Task<IActionResult> Unlock(string id, CancellationToken cancellationToken) =>
        RunAsync(id, administration.UnlockAsync, cancellationToken);

    [HttpPost("{id}/confirm-email")]
    public Task<IActionResult> ConfirmEmail(string id, CancellationToken cancellationToken) =>
        RunAsync(id, administration.ConfirmEmailAsync, cancellationToken);

    [HttpPost("{id}/password-reset")]
    public Task<IActionResult> SendPasswordReset(string id, CancellationToken cancellationToken) =>
        RunAsync(id, user => administration.SendPasswordResetAsync(user, code =>
            Url.Page("/Account/ResetPassword", pageHandler: null, values: new { area = "Identity", code }, protocol: Request.Scheme)!),
            cancellationToken);

    [HttpGet("{id}/delete")]
    public async Task<IActionResult> Delete(string id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        // The data pages already know what a delete takes with it (foreign keys that cascade).
        var pages = ActivatorUtilities.CreateInstance<ModelPages<AppUser>>(HttpContext.RequestServices, new ModelAdmin<AppUser>());
        ViewData["Title"] = $"Delete {user.Email}";
        return View(new UserDeletion(user, await pages.CascadeAsync([user], cancellationToken)));
    }

    [HttpPost("{id}/delete")]
    public async Task<IActionResult> DeletePost(string id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        var change = await administration.DeleteAsync(user, User.Id(), cancellationToken);
        if (!change.Succeeded)
        {
            return await DetailsViewAsync(user, change.Message, cancellationToken);
        }

        TempData["Message"] = change.Message;
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> WithRoleAsync(
        string id, string? role, Func<AppUser, string, Task<UserChange>> change, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        // The canonical name from the role store: a tampered or unknown name is a bad request, never a new role.
        if (role is not { Length: > 0 } || (await roles.FindByNameAsync(role))?.Name is not { } name)
        {
            return BadRequest("No such role.");
        }

        return await AfterAsync(user, await change(user, name), cancellationToken);
    }

    private async Task<IActionResult> RunAsync(string id, Func<AppUser, Task<UserChange>> change, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(id) is { } user
            ? await AfterAsync(user, await change(user), cancellationToken)
            : NotFound();

    private async Task<IActionResult> AfterAsync(AppUser user, UserChange change, CancellationToken cancellationToken)
    {
        if (!change.Succeeded)
        {
            return await DetailsViewAsync(user, change.Message, cancellationToken);
        }

        TempData["Message"] = change.Message;
        return RedirectToAction(nameof(Details), new { id = user.Id });
    }

    private async Task<IActionResult> DetailsViewAsync(AppUser user, string? error, CancellationToken cancellationToken)
    {
        if (error is not null)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        ViewData["Title"] = user.Email;
        return View("Details", await queries.DetailsAsync(user, error, cancellationToken));
    }
}
