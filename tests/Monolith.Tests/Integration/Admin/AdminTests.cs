using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Areas.Admin.History;
using Monolith.Web.Areas.Admin.Models;
using Monolith.Web.Data;
using Monolith.Web.Jobs;

namespace Monolith.Tests.Integration.Admin;

/// <summary>The admin area on each database provider: who may enter, what lists show, what forms change and what history records.</summary>
public abstract partial class AdminTests<TApp> : IClassFixture<TApp>, IAsyncLifetime
    where TApp : AdminApp
{
    private const string List = "/admin/data/jobheartbeat";
    private readonly TApp _fixture;
    private readonly HttpClient _admin;
    private readonly CancellationToken _cancel = TestContext.Current.CancellationToken;

    protected AdminTests(TApp fixture)
    {
        _fixture = fixture;
        _admin = fixture.Client(TestAuthentication.Admin());
    }

    public async ValueTask InitializeAsync()
    {
        await using var scope = _fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await db.Set<JobHeartbeat>().AnyAsync(h => h.Name.StartsWith("hb-"), _cancel))
        {
            db.AddRange(Enumerable.Range(0, 30).Select(i => new JobHeartbeat
            {
                Name = $"hb-{i:00}",
                Host = i % 2 == 0 ? "alpha" : "beta",
                LastRunAt = DateTimeOffset.UtcNow.AddDays(-i),
            }));
            await db.SaveChangesAsync(_cancel);
        }

        await UsersRoutes.CreateKnownUserAsync(_fixture.App.Services);
    }

    public ValueTask DisposeAsync()
    {
        _admin.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(AdminRoutes.Pages), MemberType = typeof(AdminRoutes))]
    public async Task Anonymous_visitors_are_sent_to_sign_in_with_a_return_url(string path)
    {
        using var response = await _fixture.Client(null).GetAsync(path, _cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{TestAuthentication.SignInPath}?ReturnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [MemberData(nameof(AdminRoutes.Pages), MemberType = typeof(AdminRoutes))]
    public async Task Signed_in_users_without_the_admin_role_get_the_403_page(string path)
    {
        using var response = await _fixture.Client(TestAuthentication.User()).GetAsync(path, _cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Access denied", await response.Content.ReadAsStringAsync(_cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_registered_model_names_only_mapped_fields_and_its_list_and_create_pages_open()
    {
        await using var scope = _fixture.App.Services.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;
        var registry = scope.ServiceProvider.GetRequiredService<ModelAdminRegistry>();
        foreach (var admin in registry.Models)
        {
            var entityType = model.FindEntityType(admin.ClrType);
            Assert.True(entityType is not null, $"{admin.ClrType.Name} is registered with the admin but not in the database model.");
            string[] paths = [.. admin.Columns, .. admin.SearchFields, .. admin.Filters, .. admin.ReadOnlyFields, .. admin.DefaultOrder is { } order ? [order] : Array.Empty<string>()];
            Assert.All(paths, path => AdminField.Resolve(entityType, path)); // throws naming a path that is not mapped or is secret

            string[] pages = admin.Editable ? [$"/admin/data/{admin.Slug}", $"/admin/data/{admin.Slug}/create"] : [$"/admin/data/{admin.Slug}"];
            foreach (var page in pages)
            {
                using var response = await _admin.GetAsync(page, _cancel);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(AdminRoutes.Pages), MemberType = typeof(AdminRoutes))]
    public async Task Admins_see_every_admin_page(string path)
    {
        using var response = await _admin.GetAsync(path, _cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Monolith admin", await response.Content.ReadAsStringAsync(_cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_dashboard_is_for_admins_only()
    {
        using var anonymous = await _fixture.Client(null).GetAsync(JobsRegistration.DashboardPath, _cancel);
        using var user = await _fixture.Client(TestAuthentication.User()).GetAsync(JobsRegistration.DashboardPath, _cancel);
        using var admin = await _admin.GetAsync(JobsRegistration.DashboardPath, _cancel);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith(TestAuthentication.SignInPath, anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        var dashboard = await admin.Content.ReadAsStringAsync(_cancel);
        Assert.Contains("Succeeded", dashboard, StringComparison.Ordinal); // Hangfire's job counters
        Assert.Contains("<meta name=\"csrf-token\" content=\"", dashboard, StringComparison.Ordinal); // its POSTs carry an antiforgery token
    }

    [Fact]
    public async Task Paging_and_sorting_return_the_right_rows()
    {
        Assert.Equal(Names(10, 20), await RowsAsync($"{List}?q=hb-&sort=Name&size=10&page=2"));
        Assert.Equal(Names(29, 26), await RowsAsync($"{List}?q=hb-&sort=-Name&size=4"));
        // Past the last page shows the last page.
        Assert.Equal(Names(27, 30), await RowsAsync($"{List}?q=hb-&sort=Name&size=3&page=99"));
    }

    [Fact]
    public async Task Search_and_filters_narrow_the_rows()
    {
        Assert.Equal(Names(20, 30), await RowsAsync($"{List}?q=HB-2&sort=Name&size=50"));
        Assert.Equal(
            Names(0, 30).Where((_, i) => i % 2 == 1).ToList(),
            await RowsAsync($"{List}?q=hb-&f.Host=beta&sort=Name&size=50"));
        // LastRunAt was i days ago: the past 7 days hold hb-00 … hb-06 (hb-07 is just outside).
        Assert.Equal(Names(0, 7), await RowsAsync($"{List}?q=hb-&f.LastRunAt=7d&sort=Name&size=50"));
        var html = await _admin.GetStringAsync(List, _cancel);
        Assert.Contains("f.Host=alpha", html, StringComparison.Ordinal); // the filter offers the hosts in the table
    }

    [Theory]
    [InlineData(List + "?sort=PasswordHash")]
    [InlineData("/admin/data/appuser?sort=PasswordHash")]
    [InlineData("/admin/data/appuser?sort=-SecurityStamp")]
    [InlineData("/admin/data/appuser?f.PasswordHash=x")]
    [InlineData(List + "?f.Name=hb-01")]
    [InlineData(List + "?f.LastRunAt=forever")]
    [InlineData("/admin/data/appuser?f.EmailConfirmed=maybe")]
    [InlineData(List + "?page=abc")]
    [InlineData(List + "?page=0")]
    [InlineData(List + "?size=100000")]
    [InlineData("/admin/audit?kind=Exploded")]
    public async Task Tampered_list_parameters_are_refused_with_400(string path)
    {
        using var response = await _admin.GetAsync(path, _cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/admin/data/nosuchmodel")]
    [InlineData("/admin/data/auditentry")]
    [InlineData(List + "/edit/no-such-row")]
    [InlineData(List + "/history/no-such-row")]
    [InlineData("/admin/data/appuser/create")]
    public async Task Unknown_models_and_rows_are_404(string path)
    {
        using var response = await _admin.GetAsync(path, _cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        using var response = await _admin.PostAsync(List + "/delete/hb-01", new FormUrlEncodedContent([]), _cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(await FindAsync("hb-01"));
    }

    [Fact]
    public async Task Invalid_input_shows_field_errors_encoded_and_changes_nothing()
    {
        var payload = "<script>alert(1)</script>";
        using var created = await PostFormAsync(List + "/create", new() { ["Name"] = "", ["Host"] = payload, ["LastRunAt"] = "yesterday" });
        var html = await created.Content.ReadAsStringAsync(_cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, created.StatusCode);
        Assert.Contains("Name is required.", html, StringComparison.Ordinal);
        Assert.Contains("Last Run At is not a valid value.", html, StringComparison.Ordinal);
        Assert.Contains("Host must be a host name", html, StringComparison.Ordinal);
        Assert.DoesNotContain(payload, html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);

        using var edited = await PostFormAsync(List + "/edit/hb-03", new() { ["Host"] = payload, ["LastRunAt"] = "2026-01-01T00:00" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, edited.StatusCode);
        Assert.Equal("beta", (await FindAsync("hb-03"))!.Host);
    }

    [Fact]
    public async Task A_valid_edit_saves_and_history_records_who_and_old_to_new()
    {
        // Its own row: the seeded hb-* rows stay as the list and filter tests expect them, in any order.
        await CreateAsync("edited-1");
        using var response = await PostFormAsync(List + "/edit/edited-1", new() { ["Host"] = "gamma.example", ["LastRunAt"] = "2026-02-03T04:05" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = (await FindAsync("edited-1"))!;
        Assert.Equal("gamma.example", saved.Host);
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 4, 5, 0, TimeSpan.Zero), saved.LastRunAt);
        var entry = (await AuditAsync("JobHeartbeat", "edited-1")).Single(e => e.Action == AuditAction.Updated);
        Assert.Equal("admin@example.com", entry.UserName);
        Assert.Equal("admin-1", entry.UserId);
        // LastRunAt is [AuditIgnore]: changed, but not recorded.
        Assert.Equal([new AuditChange("Host", "bulk", "gamma.example")], entry.ReadChanges());
        var history = await _admin.GetStringAsync(List + "/history/edited-1", _cancel);
        Assert.Contains("bulk → gamma.example", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_a_row_with_an_existing_key_is_a_field_error()
    {
        using var response = await PostFormAsync(List + "/create", new() { ["Name"] = "hb-07", ["Host"] = "delta", ["LastRunAt"] = "2026-01-01T00:00" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("already exists", await response.Content.ReadAsStringAsync(_cancel), StringComparison.Ordinal);
        Assert.Equal("beta", (await FindAsync("hb-07"))!.Host);
    }

    [Fact]
    public async Task Bulk_delete_asks_for_confirmation_then_deletes_and_records_it()
    {
        await CreateAsync("bulk-1", "bulk-2", "bulk-3");
        var token = await TokenAsync(List);
        using var ask = await _admin.PostAsync(List + "/action", Form(token, ("run", "delete"), ("ids", "bulk-1"), ("ids", "bulk-2")), _cancel);
        var confirmation = await ask.Content.ReadAsStringAsync(_cancel);

        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Contains("Are you sure?", confirmation, StringComparison.Ordinal);
        Assert.NotNull(await FindAsync("bulk-1"));

        using var confirmed = await _admin.PostAsync(List + "/action",
            Form(token, ("run", "delete"), ("ids", "bulk-1"), ("ids", "bulk-2"), ("confirmed", "true")), _cancel);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Null(await FindAsync("bulk-1"));
        Assert.Null(await FindAsync("bulk-2"));
        Assert.NotNull(await FindAsync("bulk-3"));
        Assert.Contains(await AuditAsync("JobHeartbeat", "bulk-2"), e => e.Action == AuditAction.Deleted && e.UserName == "admin@example.com");
    }

    [Theory]
    [InlineData("explode", "bulk-x")]
    [InlineData("delete", "")]
    public async Task Unknown_actions_and_empty_selections_are_400(string action, string id)
    {
        var token = await TokenAsync(List);
        Assert.NotEmpty(token); // so that the 400 below is about the action, not the antiforgery check
        using var response = await _admin.PostAsync(List + "/action",
            Form(token, [("run", action), .. id.Length > 0 ? new[] { ("ids", id) } : []]), _cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Delete_confirmation_lists_what_the_cascade_would_delete()
    {
        await using var scope = _fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var user = new AppUser { UserName = "cascade@example.com", Email = "cascade@example.com" };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        if (!await roles.RoleExistsAsync("Editor"))
        {
            await roles.CreateAsync(new IdentityRole("Editor"));
        }

        await users.AddToRoleAsync(user, "Editor");
        await users.AddClaimAsync(user, new System.Security.Claims.Claim("plan", "pro"));
        var registry = scope.ServiceProvider.GetRequiredService<ModelAdminRegistry>();
        var pages = ActivatorUtilities.CreateInstance<ModelPages<AppUser>>(scope.ServiceProvider, registry.Find("appuser")!);

        var cascade = await pages.CascadeAsync([user], _cancel);

        Assert.Contains(cascade, g => g.EntityType == "IdentityUserRole`1" && g.Count == 1);
        Assert.Contains(cascade, g => g.EntityType == "IdentityUserClaim`1" && g.Count == 1);
    }

    [Fact]
    public async Task Audit_history_never_records_password_hashes_or_stamps_and_names_system_outside_requests()
    {
        await using var scope = _fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = "secret@example.com", Email = "secret@example.com" };
        Assert.True((await users.CreateAsync(user, "Correct-horse-battery-9")).Succeeded);
        Assert.True((await users.ChangePasswordAsync(user, "Correct-horse-battery-9", "Another-horse-battery-7")).Succeeded);

        var entries = await AuditAsync("AppUser", user.Id);

        Assert.Contains(entries, e => e.Action == AuditAction.Created && e.UserName == "system" && e.UserId == null);
        Assert.All(entries, e =>
        {
            Assert.DoesNotContain(user.PasswordHash!, e.Changes, StringComparison.Ordinal);
            Assert.DoesNotContain(user.SecurityStamp!, e.Changes, StringComparison.Ordinal);
            Assert.DoesNotContain("PasswordHash", e.Changes, StringComparison.Ordinal);
            Assert.DoesNotContain("ConcurrencyStamp", e.Changes, StringComparison.Ordinal);
        });
        Assert.Contains(entries[0].ReadChanges(), c => c is { Field: "Email", New: "secret@example.com" });
    }

    [Fact]
    public async Task Audit_page_filters_by_type_action_and_user()
    {
        await CreateAsync("audited-1");
        var html = await _admin.GetStringAsync("/admin/audit?type=JobHeartbeat&kind=Created&user=system&key=audited-1", _cancel);
        var none = await _admin.GetStringAsync("/admin/audit?type=JobHeartbeat&kind=Deleted&key=audited-1", _cancel);

        Assert.Contains("JobHeartbeat audited-1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("JobHeartbeat audited-1", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_page_runs_the_same_number_of_queries_whatever_its_size()
    {
        await _admin.GetStringAsync($"{List}?size=1", _cancel); // warm up
        var small = await CommandsForAsync($"{List}?q=hb-&size=2");
        var large = await CommandsForAsync($"{List}?q=hb-&size=30");
        var users = await CommandsForAsync("/admin/data/appuser?size=200");

        Assert.Equal(small, large);
        Assert.InRange(small, 1, 4); // count, page, one per distinct-value filter
        Assert.InRange(users, 1, 4);
    }

    [Fact]
    public async Task System_page_shows_the_provider_and_no_pending_migrations()
    {
        var html = await _admin.GetStringAsync("/admin/system", _cancel);

        Assert.Contains($"data-stat=\"provider\">{_fixture.Database.Provider}<", html, StringComparison.Ordinal);
        Assert.Contains("data-stat=\"pending\">0<", html, StringComparison.Ordinal);
        Assert.Contains("data-stat=\"health\">Healthy<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_counts_users_signed_up_this_week()
    {
        await using (var scope = _fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Users.Add(new AppUser { UserName = "old@example.com", CreatedAt = DateTimeOffset.UtcNow.AddDays(-30) });
            await db.SaveChangesAsync(_cancel);
        }

        await using var check = _fixture.App.Services.CreateAsyncScope();
        var users = check.ServiceProvider.GetRequiredService<AppDbContext>().Users;
        var total = await users.CountAsync(_cancel);
        var weekAgo = DateTimeOffset.UtcNow.AddDays(-7);
        var recent = await users.CountAsync(u => u.CreatedAt >= weekAgo, _cancel);
        var html = await _admin.GetStringAsync("/admin", _cancel);

        Assert.True(recent < total);
        Assert.Contains($"data-stat=\"users\">{total}<", html, StringComparison.Ordinal);
        Assert.Contains($"data-stat=\"signups\">{recent}<", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/jobs\"", html, StringComparison.Ordinal);
    }

    private async Task<int> CommandsForAsync(string path)
    {
        var before = _fixture.Commands.Count;
        await _admin.GetStringAsync(path, _cancel);
        return _fixture.Commands.Count - before;
    }

    private static List<string> Names(int from, int to) =>
        from <= to
            ? [.. Enumerable.Range(from, to - from).Select(i => $"hb-{i:00}")]
            : [.. Enumerable.Range(to, from - to + 1).Reverse().Select(i => $"hb-{i:00}")];

    private async Task<List<string>> RowsAsync(string path)
    {
        using var response = await _admin.GetAsync(path, _cancel);
        var html = await response.Content.ReadAsStringAsync(_cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        return [.. RowLink().Matches(html).Select(m => m.Groups[1].Value)];
    }

    private async Task<JobHeartbeat?> FindAsync(string name)
    {
        await using var scope = _fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<JobHeartbeat>().AsNoTracking()
            .SingleOrDefaultAsync(h => h.Name == name, _cancel);
    }

    private async Task CreateAsync(params string[] names)
    {
        await using var scope = _fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.AddRange(names.Select(name => new JobHeartbeat { Name = name, Host = "bulk", LastRunAt = DateTimeOffset.UtcNow }));
        await db.SaveChangesAsync(_cancel);
    }

    private async Task<List<AuditEntry>> AuditAsync(string type, string key)
    {
        await using var scope = _fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(e => e.EntityType == type && e.EntityKey == key).OrderBy(e => e.Id).ToListAsync(_cancel);
    }

    private async Task<string> TokenAsync(string page)
    {
        var html = await _admin.GetStringAsync(page, _cancel);
        return AntiforgeryToken().Match(html).Groups[1].Value;
    }

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))]);

    private async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields) =>
        await _admin.PostAsync(path, Form(await TokenAsync(path), [.. fields.Select(f => (f.Key, f.Value))]), _cancel);

    [GeneratedRegex("/admin/data/jobheartbeat/edit/(hb-[0-9]+)\"")]
    private static partial Regex RowLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public static class AdminRoutes
{
    public static TheoryData<string> Pages() =>
    [
        "/admin", "/admin/audit", "/admin/system", "/admin/data/jobheartbeat", "/admin/data/appuser", "/admin/data/jobheartbeat/create",
        "/admin/data/jobheartbeat/edit/hb-00", "/admin/data/jobheartbeat/delete/hb-00", "/admin/data/jobheartbeat/history/hb-00",
        .. UsersRoutes.Pages(),
    ];
}

public sealed class SqliteAdminTests(SqliteAdminApp fixture) : AdminTests<SqliteAdminApp>(fixture);

public sealed class PostgresAdminTests(PostgresAdminApp fixture) : AdminTests<PostgresAdminApp>(fixture);
