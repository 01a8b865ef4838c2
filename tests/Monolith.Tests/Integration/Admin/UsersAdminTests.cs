using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Testing;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Accounts;
using Monolith.Web.Areas.Admin.History;
using Monolith.Web.Data;
using Monolith.Web.Features.Projects;

namespace Monolith.Tests.Integration.Admin;

/// <summary>/admin/users on each database provider: who may enter, what the list finds, what each action changes and what it refuses.</summary>
public abstract partial class UsersAdminTests<TApp> : IClassFixture<TApp>, IAsyncLifetime
    where TApp : AdminApp
{
    private const string Editor = "Editor";
    private readonly TApp _fixture;
    private readonly HttpClient _admin;
    private readonly CancellationToken _cancel = TestContext.Current.CancellationToken;

    protected UsersAdminTests(TApp fixture)
    {
        _fixture = fixture;
        _admin = fixture.Client(TestAuthentication.Admin());
    }

    public async ValueTask InitializeAsync()
    {
        await UsersRoutes.CreateKnownUserAsync(_fixture.App.Services);
        await using var scope = _fixture.App.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(Editor))
        {
            Assert.True((await roles.CreateAsync(new IdentityRole(Editor))).Succeeded);
        }
    }

    public ValueTask DisposeAsync()
    {
        _admin.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(UsersRoutes.Posts), MemberType = typeof(UsersRoutes))]
    public async Task Every_action_refuses_anonymous_visitors_and_users_and_changes_nothing(string path)
    {
        using var form = new FormUrlEncodedContent([new("role", Roles.Admin)]);
        using var anonymous = await _fixture.Client(null).PostAsync(path, form, _cancel);
        using var user = await _fixture.Client(TestAuthentication.User()).PostAsync(path, form, _cancel);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith(TestAuthentication.SignInPath + "?ReturnUrl=", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
        var known = (await FindAsync(UsersRoutes.KnownUserId))!;
        Assert.False(known.EmailConfirmed);
        Assert.Null(known.LockoutEnd);
        Assert.Empty(await RolesOfAsync(known.Id));
    }

    [Fact]
    public async Task The_admin_navigation_links_to_the_users_page()
    {
        var html = await _admin.GetStringAsync("/admin", _cancel);

        Assert.Contains("<a class=\"nav-link\" href=\"/admin/users\">Users</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_filters_and_paging_return_the_right_accounts()
    {
        var marker = $"find{Guid.NewGuid():N}"[..12];
        var plain = await CreateUserAsync($"{marker}-plain@example.com");
        var editor = await CreateUserAsync($"{marker}-editor@example.com", roles: Editor);
        var unconfirmed = await CreateUserAsync($"{marker}-unconfirmed@example.com", confirmed: false);
        var locked = await CreateUserAsync($"{marker}-locked@example.com");
        await WithUserAsync(locked.Id, (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddDays(1)));
        await CreateUserAsync($"other{Guid.NewGuid():N}@example.com");

        Assert.Equal(Sorted(plain, editor, unconfirmed, locked), Sorted(await EmailsAsync($"?q={marker.ToUpperInvariant()}&size=50")));
        Assert.Equal([editor.Email!], await EmailsAsync($"?q={marker}&role={Editor}"));
        Assert.Equal([editor.Email!], await EmailsAsync($"?q={marker}&role=editor")); // role names ignore case, as Identity's do
        Assert.Equal([locked.Email!], await EmailsAsync($"?q={marker}&locked=true"));
        Assert.Equal(Sorted(plain, editor, unconfirmed), Sorted(await EmailsAsync($"?q={marker}&locked=false")));
        Assert.Equal([unconfirmed.Email!], await EmailsAsync($"?q={marker}&confirmed=false"));
        Assert.Equal(Sorted(plain, editor, locked), Sorted(await EmailsAsync($"?q={marker}&confirmed=true")));

        var firstPage = await EmailsAsync($"?q={marker}&size=3");
        var secondPage = await EmailsAsync($"?q={marker}&size=3&page=2");
        Assert.Equal(3, firstPage.Count);
        Assert.Single(secondPage);
        Assert.Equal(Sorted(plain, editor, unconfirmed, locked), Sorted([.. firstPage, .. secondPage]));
        Assert.Contains("Page 2 of 2", await _admin.GetStringAsync($"/admin/users?q={marker}&size=3&page=2", _cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_details_page_shows_the_account_its_roles_and_its_history()
    {
        var user = await CreateUserAsync(TestUsers.NewEmail(), roles: Editor);
        await WithUserAsync(user.Id, (users, found) => users.SetTwoFactorEnabledAsync(found, true));

        var html = await _admin.GetStringAsync($"/admin/users/{user.Id}", _cancel);

        Assert.Contains($"<h1 class=\"h3\">{user.Email}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("data-stat=\"confirmed\">Yes<", html, StringComparison.Ordinal);
        Assert.Contains("data-stat=\"locked\">No<", html, StringComparison.Ordinal);
        Assert.Contains("data-stat=\"2fa\">On<", html, StringComparison.Ordinal);
        Assert.Contains($"<span>{Editor}</span>", html, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{Roles.Admin}\">{Roles.Admin}</option>", html, StringComparison.Ordinal); // roles it may still get
        Assert.Contains($"AppUser {user.Id}", html, StringComparison.Ordinal); // its audit entries
        Assert.Contains("TwoFactorEnabled", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?locked=maybe")]
    [InlineData("?confirmed=2")]
    [InlineData("?page=0")]
    [InlineData("?page=abc")]
    [InlineData("?size=100000")]
    [InlineData("?role=NoSuchRole")]
    public async Task Tampered_list_parameters_are_refused_with_400(string query)
    {
        using var response = await _admin.GetAsync("/admin/users" + query, _cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Search_text_is_shown_encoded()
    {
        var payload = "<script>alert(1)</script>";

        var html = await _admin.GetStringAsync("/admin/users?q=" + Uri.EscapeDataString(payload), _cancel);

        Assert.DoesNotContain(payload, html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/users/no-such-user")]
    [InlineData("/admin/users/no-such-user/delete")]
    [InlineData("/admin/users/%3Cscript%3E")]
    public async Task Unknown_users_are_404(string path)
    {
        using var response = await _admin.GetAsync(path, _cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("lock")]
    [InlineData("unlock")]
    [InlineData("confirm-email")]
    [InlineData("password-reset")]
    [InlineData("delete")]
    [InlineData("roles/add")]
    [InlineData("roles/remove")]
    public async Task Actions_on_unknown_users_are_404(string action)
    {
        using var response = await PostAsync("no-such-user", action, ("role", Editor));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("roles/add", "NoSuchRole")]
    [InlineData("roles/add", "")]
    [InlineData("roles/add", "<script>alert(1)</script>")]
    [InlineData("roles/remove", "NoSuchRole")]
    public async Task Unknown_role_names_are_400_and_change_nothing(string action, string role)
    {
        var user = await CreateUserAsync(TestUsers.NewEmail());

        using var response = await PostAsync(user.Id, action, ("role", role));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("<script>", await response.BodyAsync(), StringComparison.Ordinal);
        Assert.Empty(await RolesOfAsync(user.Id));
        await using var scope = _fixture.App.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().RoleExistsAsync(role.Length > 0 ? role : "x"));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var user = await CreateUserAsync(TestUsers.NewEmail());

        using var response = await _admin.PostAsync($"/admin/users/{user.Id}/lock", new FormUrlEncodedContent([]), _cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null((await FindAsync(user.Id))!.LockoutEnd);
    }

    [Fact]
    public async Task Assigning_and_removing_a_role_changes_the_account_and_is_audited()
    {
        var user = await CreateUserAsync(TestUsers.NewEmail());

        using (var added = await PostAsync(user.Id, "roles/add", ("role", Editor)))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
            Assert.Equal($"/admin/users/{user.Id}", added.Headers.Location!.OriginalString);
        }

        Assert.Equal([Editor], await RolesOfAsync(user.Id));
        Assert.Contains($"now has the role {Editor}", await _admin.GetStringAsync($"/admin/users/{user.Id}", _cancel), StringComparison.Ordinal);
        await using (var scope = _fixture.App.Services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<AuditEntry>();
            Assert.True(await audit.AnyAsync(e => e.EntityType == "IdentityUserRole`1" && e.Action == AuditAction.Created && e.UserName == "admin@example.com", _cancel));
        }

        using (var again = await PostAsync(user.Id, "roles/add", ("role", Editor)))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("already has the role", await again.BodyAsync(), StringComparison.Ordinal);
        }

        using (var removed = await PostAsync(user.Id, "roles/remove", ("role", Editor)))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        Assert.Empty(await RolesOfAsync(user.Id));
    }

    [Fact]
    public async Task Locking_makes_the_real_sign_in_fail_and_unlocking_lets_the_user_in_again()
    {
        var user = await CreateUserAsync(TestUsers.NewEmail());
        Assert.Equal("/", await SignInAsync(user.Email!));

        using (var locked = await PostAsync(user.Id, "lock"))
        {
            Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        }

        var lockedUser = (await FindAsync(user.Id))!;
        Assert.True(lockedUser.LockoutEnd > DateTimeOffset.UtcNow.AddYears(100));
        Assert.NotEqual(user.SecurityStamp, lockedUser.SecurityStamp); // open sessions end at their next check
        Assert.Equal("/Identity/Account/Lockout", await SignInAsync(user.Email!));
        Assert.Equal([user.Email!], await EmailsAsync($"?q={Uri.EscapeDataString(user.Email!)}&locked=true"));

        using (var unlocked = await PostAsync(user.Id, "unlock"))
        {
            Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        }

        Assert.Null((await FindAsync(user.Id))!.LockoutEnd);
        Assert.Equal("/", await SignInAsync(user.Email!));
    }

    [Fact]
    public async Task Password_reset_email_lands_in_the_outbox_with_a_working_reset_link()
    {
        var user = await CreateUserAsync(TestUsers.NewEmail());

        using (var sent = await PostAsync(user.Id, "password-reset"))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var message = await _fixture.Outbox.WaitForMessageToAsync(user.Email!);
        var link = Outbox.FirstLink(message);
        Assert.Equal("/Identity/Account/ResetPassword", link.AbsolutePath);
        Assert.StartsWith("?code=", link.Query, StringComparison.Ordinal);

        var client = _fixture.Client(null);
        const string newPassword = "a brand new passphrase here";
        using var reset = await client.SubmitFormAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
            ["Input.Code"] = WebUtility.HtmlDecode(CodeField().Match(await client.GetStringAsync(link.PathAndQuery, _cancel)).Groups[1].Value),
        });
        Assert.Equal("/Identity/Account/ResetPasswordConfirmation", reset.Headers.Location?.OriginalString);
        Assert.Equal("/", await SignInAsync(user.Email!, newPassword));
    }

    [Fact]
    public async Task Confirming_an_email_lets_the_user_sign_in()
    {
        var user = await CreateUserAsync(TestUsers.NewEmail(), confirmed: false);
        Assert.NotEqual("/", await SignInAsync(user.Email!)); // confirmed email required

        using var confirmed = await PostAsync(user.Id, "confirm-email");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.True((await FindAsync(user.Id))!.EmailConfirmed);
        Assert.Equal("/", await SignInAsync(user.Email!));
    }

    [Fact]
    public async Task Deleting_a_user_takes_their_projects_and_keeps_the_audit_history()
    {
        var user = await CreateUserAsync(TestUsers.NewEmail(), roles: Editor);
        await using (var scope = _fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Projects.AddRange(
                new Project { OwnerId = user.Id, Name = "First" },
                new Project { OwnerId = user.Id, Name = "Second" });
            await db.SaveChangesAsync(_cancel);
        }

        var confirmation = await _admin.GetStringAsync($"/admin/users/{user.Id}/delete", _cancel);
        Assert.Contains("<strong>Project</strong>: 2", confirmation, StringComparison.Ordinal);

        using var deleted = await PostAsync(user.Id, "delete");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/admin/users", deleted.Headers.Location!.OriginalString);
        Assert.Null(await FindAsync(user.Id));
        await using var check = _fixture.App.Services.CreateAsyncScope();
        var data = check.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await data.Projects.AnyAsync(p => p.OwnerId == user.Id, _cancel));
        Assert.False(await data.UserRoles.AnyAsync(ur => ur.UserId == user.Id, _cancel));
        var history = await data.Set<AuditEntry>().Where(e => e.EntityType == nameof(AppUser) && e.EntityKey == user.Id).ToListAsync(_cancel);
        Assert.Contains(history, e => e.Action == AuditAction.Created);
        Assert.Contains(history, e => e.Action == AuditAction.Deleted && e.UserName == "admin@example.com");
    }

    [Fact]
    public async Task The_last_admin_cannot_lose_the_role_be_locked_or_be_deleted()
    {
        var last = await CreateUserAsync(TestUsers.NewEmail(), roles: Roles.Admin);
        await using (var scope = _fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var other in (await users.GetUsersInRoleAsync(Roles.Admin)).Where(u => u.Id != last.Id))
            {
                Assert.True((await users.RemoveFromRoleAsync(other, Roles.Admin)).Succeeded);
            }
        }

        // The acting admin ("admin-1" of the test sign-in) has no account row: the last admin is someone else.
        (string Action, (string, string)[] Fields)[] refused = [("roles/remove", [("role", Roles.Admin)]), ("lock", []), ("delete", [])];
        foreach (var (action, fields) in refused)
        {
            using var response = await PostAsync(last.Id, action, fields);
            var html = await response.BodyAsync();

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains("is the last admin who can sign in", html, StringComparison.Ordinal);
            Assert.Contains("Nothing was changed.", html, StringComparison.Ordinal);
        }

        var unchanged = (await FindAsync(last.Id))!;
        Assert.Equal([Roles.Admin], await RolesOfAsync(last.Id));
        Assert.Null(unchanged.LockoutEnd);
        Assert.Equal(last.SecurityStamp, unchanged.SecurityStamp);

        // A second admin who is locked out does not count: the rule is about admins who can sign in.
        var lockedAdmin = await CreateUserAsync(TestUsers.NewEmail(), roles: Roles.Admin);
        await WithUserAsync(lockedAdmin.Id, (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        using (var stillRefused = await PostAsync(last.Id, "lock"))
        {
            Assert.Equal(HttpStatusCode.Conflict, stillRefused.StatusCode);
        }

        using (var lockedDemoted = await PostAsync(lockedAdmin.Id, "roles/remove", ("role", Roles.Admin)))
        {
            Assert.Equal(HttpStatusCode.Redirect, lockedDemoted.StatusCode); // they could not sign in anyway
        }

        var second = await CreateUserAsync(TestUsers.NewEmail(), roles: Roles.Admin);
        using (var allowed = await PostAsync(last.Id, "roles/remove", ("role", Roles.Admin)))
        {
            Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        }

        Assert.Empty(await RolesOfAsync(last.Id));
        Assert.Equal([Roles.Admin], await RolesOfAsync(second.Id));
    }

    [Fact]
    public async Task Admins_cannot_remove_their_own_admin_role_lock_or_delete_themselves()
    {
        var self = await CreateUserAsync(TestUsers.NewEmail(), roles: Roles.Admin);
        await CreateUserAsync(TestUsers.NewEmail(), roles: Roles.Admin); // so the last-admin rule is not what refuses
        var client = _fixture.Client(TestAuthentication.Admin(self.Id, self.Email!));

        (string Action, (string, string)[] Fields, string Message)[] refused =
        [
            ("roles/remove", [("role", Roles.Admin)], "You cannot remove your own admin role"),
            ("lock", [], "You cannot lock your own account"),
            ("delete", [], "You cannot delete your own account here"),
        ];
        foreach (var (action, fields, message) in refused)
        {
            using var response = await PostAsync(self.Id, action, fields, client);

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains(message, await response.BodyAsync(), StringComparison.Ordinal);
        }

        var unchanged = (await FindAsync(self.Id))!;
        Assert.Equal([Roles.Admin], await RolesOfAsync(self.Id));
        Assert.Null(unchanged.LockoutEnd);
    }

    private async Task<AppUser> CreateUserAsync(string email, bool confirmed = true, params string[] roles)
    {
        await using var scope = _fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = confirmed };
        Assert.True((await users.CreateAsync(user, TestUsers.Password)).Succeeded);
        if (roles.Length > 0)
        {
            Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        }

        return (await users.FindByIdAsync(user.Id))!;
    }

    /// <summary>Changes the account through a UserManager of its own scope (it must load the row it saves).</summary>
    private async Task WithUserAsync(string userId, Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> change)
    {
        await using var scope = _fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True((await change(users, (await users.FindByIdAsync(userId))!)).Succeeded);
    }

    private async Task<AppUser?> FindAsync(string id)
    {
        await using var scope = _fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, _cancel);
    }

    private async Task<List<string>> RolesOfAsync(string userId)
    {
        await using var scope = _fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(_cancel);
    }

    private async Task<List<string>> EmailsAsync(string query)
    {
        using var response = await _admin.GetAsync("/admin/users" + query, _cancel);
        var html = await response.BodyAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        return [.. UserLink().Matches(html).Select(m => m.Groups[1].Value)];
    }

    private static List<string> Sorted(params AppUser[] users) => [.. users.Select(u => u.Email!).Order(StringComparer.Ordinal)];

    private static List<string> Sorted(List<string> emails) => [.. emails.Order(StringComparer.Ordinal)];

    /// <summary>Posts an action with an antiforgery token from the dashboard (which has a form), as a browser would.</summary>
    private Task<HttpResponseMessage> PostAsync(string userId, string action, params (string Key, string Value)[] fields) =>
        PostAsync(userId, action, fields, _admin);

    private static Task<HttpResponseMessage> PostAsync(string userId, string action, (string Key, string Value)[] fields, HttpClient client) =>
        client.SubmitFormAsync("/admin", fields.ToDictionary(f => f.Key, f => f.Value), postTo: $"/admin/users/{userId}/{action}");

    /// <summary>The real sign-in form; returns where it sends the browser (home on success, the lockout page when locked).</summary>
    private async Task<string?> SignInAsync(string email, string password = TestUsers.Password)
    {
        using var client = _fixture.Client(null);
        using var response = await client.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return response.Headers.Location?.OriginalString;
    }

    [GeneratedRegex("<td><a href=\"/admin/users/[^\"]+\">([^<]+)</a></td>")]
    private static partial Regex UserLink();

    [GeneratedRegex("name=\"Input.Code\" value=\"([^\"]+)\"")]
    private static partial Regex CodeField();
}

public static class UsersRoutes
{
    public const string KnownUserId = "known-user";

    /// <summary>The users pages, in <see cref="AdminRoutes.Pages"/> with every other admin page.</summary>
    public static IEnumerable<string> Pages() =>
        ["/admin/users", "/admin/users?q=known&role=Admin&locked=false&confirmed=false&page=1", $"/admin/users/{KnownUserId}", $"/admin/users/{KnownUserId}/delete"];

    /// <summary>An account every admin test class creates, so its pages exist.</summary>
    public static async Task CreateKnownUserAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByIdAsync(KnownUserId) is null)
        {
            var known = new AppUser { Id = KnownUserId, UserName = "known@example.com", Email = "known@example.com" };
            Assert.True((await users.CreateAsync(known)).Succeeded);
        }
    }

    public static TheoryData<string> Posts() =>
    [
        .. new[] { "roles/add", "roles/remove", "lock", "unlock", "confirm-email", "password-reset", "delete" }
            .Select(action => $"/admin/users/{KnownUserId}/{action}"),
        "/admin/cache/flush",
    ];
}

public sealed class SqliteUsersAdminTests(SqliteAdminApp fixture) : UsersAdminTests<SqliteAdminApp>(fixture);

public sealed class PostgresUsersAdminTests(PostgresAdminApp fixture) : UsersAdminTests<PostgresAdminApp>(fixture);
