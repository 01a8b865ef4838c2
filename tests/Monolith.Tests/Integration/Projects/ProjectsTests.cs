using System.Net;
using System.Text.RegularExpressions;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Features.Projects;

namespace Monolith.Tests.Integration.Projects;

/// <summary>A signed-in user managing their own projects, on each database provider.</summary>
public abstract class ProjectsTests<TApp>(TApp fixture) : IClassFixture<TApp>
    where TApp : AppFixture
{
    private readonly AppFactory _app = fixture.App;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task User_creates_edits_and_deletes_a_project()
    {
        var user = await SignedInUser.CreateAsync(_app);

        using var created = await CreateAsync(user, "Launch", "First customers", "Active");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var details = created.Headers.Location!.OriginalString;
        var project = Assert.Single(await _app.ProjectsOfAsync(user.Id));
        Assert.Equal(("Launch", "First customers", ProjectStatus.Active), (project.Name, project.Description, project.Status));
        Assert.Contains(">Launch</a>", await user.Client.GetStringAsync("/Projects", Token), StringComparison.Ordinal);

        using var edited = await user.SubmitAsync($"/Projects/Edit/{project.Id}", $"/Projects/Edit/{project.Id}", Form("  Launch v2  ", "", "Done"));
        Assert.Equal(details, edited.Headers.Location!.OriginalString);
        project = Assert.Single(await _app.ProjectsOfAsync(user.Id));
        Assert.Equal(("Launch v2", null, ProjectStatus.Done), (project.Name, project.Description, project.Status));
        Assert.True(project.UpdatedAt >= project.CreatedAt);
        Assert.Contains("Launch v2", await user.Client.GetStringAsync(details, Token), StringComparison.Ordinal);

        using var deleted = await user.SubmitAsync($"/Projects/Delete/{project.Id}", $"/Projects/Delete/{project.Id}", new Dictionary<string, string>());
        Assert.Equal("/Projects", deleted.Headers.Location!.OriginalString);
        Assert.Empty(await _app.ProjectsOfAsync(user.Id));
        Assert.Contains("No projects yet", await user.Client.GetStringAsync("/Projects", Token), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "", "Name", "Enter a name.")]
    [InlineData("   ", "", "Name", "Enter a name.")]
    [InlineData("101", "", "Name", "Use at most 100 characters.")]
    [InlineData("Fine", "2001", "Description", "Use at most 2000 characters.")]
    public async Task Invalid_input_shows_the_error_next_to_the_field_and_stores_nothing(string name, string description, string field, string message)
    {
        var user = await SignedInUser.CreateAsync(_app);

        using var response = await CreateAsync(user, Expand(name), Expand(description), "Planned");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, FieldError(await response.Content.ReadAsStringAsync(Token), field));
        Assert.Empty(await _app.ProjectsOfAsync(user.Id));
    }

    [Fact]
    public async Task A_name_already_used_by_the_same_user_in_any_case_is_refused_but_other_users_may_use_it()
    {
        var user = await SignedInUser.CreateAsync(_app);
        var other = await SignedInUser.CreateAsync(_app);
        (await CreateAsync(user, "Website", "", "Planned")).Dispose();

        using var duplicate = await CreateAsync(user, " WEBSITE ", "", "Planned");
        using var elsewhere = await CreateAsync(other, "Website", "", "Planned");

        Assert.Equal(ProjectFormValidator.NameTaken, FieldError(await duplicate.Content.ReadAsStringAsync(Token), "Name"));
        Assert.Single(await _app.ProjectsOfAsync(user.Id));
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Renaming_to_another_projects_name_is_refused_but_keeping_ones_own_name_is_fine()
    {
        var user = await SignedInUser.CreateAsync(_app);
        (await CreateAsync(user, "Alpha", "", "Planned")).Dispose();
        (await CreateAsync(user, "Beta", "", "Planned")).Dispose();
        var beta = (await _app.ProjectsOfAsync(user.Id)).Single(p => p.Name == "Beta");
        var edit = $"/Projects/Edit/{beta.Id}";

        using var clash = await user.SubmitAsync(edit, edit, Form("alpha", "", "Planned"));
        using var same = await user.SubmitAsync(edit, edit, Form("Beta", "now described", "Active"));

        Assert.Equal(ProjectFormValidator.NameTaken, FieldError(await clash.Content.ReadAsStringAsync(Token), "Name"));
        Assert.Equal(HttpStatusCode.Redirect, same.StatusCode);
        Assert.Equal("now described", (await _app.ProjectsOfAsync(user.Id)).Single(p => p.Id == beta.Id).Description);
    }

    [Fact]
    public async Task Html_and_script_in_every_field_are_shown_as_text()
    {
        var user = await SignedInUser.CreateAsync(_app);
        const string name = "<script>alert('name')</script>";
        const string description = "<img src=x onerror=alert(1)>";

        using var created = await CreateAsync(user, name, description, "Planned");
        var list = await user.Client.GetStringAsync("/Projects", Token);
        var details = await user.Client.GetStringAsync(created.Headers.Location!.OriginalString, Token);

        foreach (var html in new[] { list, details })
        {
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<img src=x", details, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_users_project_is_not_found_for_every_action_and_stays_unchanged()
    {
        var owner = await SignedInUser.CreateAsync(_app);
        var intruder = await SignedInUser.CreateAsync(_app);
        (await CreateAsync(owner, "Secret plan", "do not share", "Active")).Dispose();
        var id = Assert.Single(await _app.ProjectsOfAsync(owner.Id)).Id;
        var token = await intruder.FormTokenAsync("/Projects/Create");

        foreach (var page in new[] { $"/Projects/Details/{id}", $"/Projects/Edit/{id}", $"/Projects/Delete/{id}" })
        {
            using var response = await intruder.Client.GetAsync(page, Token);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Secret plan", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }

        using (var edit = await intruder.PostAsync($"/Projects/Edit/{id}", token, Form("Mine now", "", "Done")))
        using (var delete = await intruder.PostAsync($"/Projects/Delete/{id}", token, new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        }

        Assert.Equal("Secret plan", Assert.Single(await _app.ProjectsOfAsync(owner.Id)).Name);
        Assert.DoesNotContain("Secret plan", await intruder.Client.GetStringAsync("/Projects", Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_double_submitted_create_form_stores_one_project()
    {
        var user = await SignedInUser.CreateAsync(_app);
        var token = await user.FormTokenAsync("/Projects/Create");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => user.PostAsync("/Projects/Create", token, Form("Twice", "", "Planned"))));

        Assert.Single(await _app.ProjectsOfAsync(user.Id));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Redirect), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Fact]
    public async Task Projects_pages_are_for_signed_in_users_and_posts_need_the_form_token()
    {
        var user = await SignedInUser.CreateAsync(_app);
        using var anonymous = _app.CreateBrowserLikeClient();

        using var page = await anonymous.GetAsync("/Projects", Token);
        using var forged = await user.Client.PostAsync("/Projects/Create", new FormUrlEncodedContent(Form("Forged", "", "Planned")), Token);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode); // to sign in, and back after
        Assert.StartsWith(TestAuthentication.SignInPath, page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty(await _app.ProjectsOfAsync(user.Id));
    }

    [Fact]
    public async Task The_dashboard_counts_the_users_projects_and_links_to_them()
    {
        var user = await SignedInUser.CreateAsync(_app);
        (await CreateAsync(user, "Only one", "", "Planned")).Dispose();

        var dashboard = await user.Client.GetStringAsync("/Dashboard", Token);

        Assert.Contains("You have 1 project.", dashboard, StringComparison.Ordinal);
        Assert.Contains("id=\"dashboard-projects\" class=\"btn btn-primary\" href=\"/Projects\"", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Visitors_read_the_pricing_page_and_are_not_shown_the_signed_in_links()
    {
        using var anonymous = _app.CreateBrowserLikeClient();

        var pricing = await anonymous.GetStringAsync("/pricing", Token);

        Assert.Contains("<h1 class=\"display-6 fw-bold\">Pricing</h1>", pricing, StringComparison.Ordinal);
        Assert.DoesNotContain("nav-projects", pricing, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> CreateAsync(SignedInUser user, string name, string description, string status) =>
        user.CreateProjectAsync(name, description, status);

    private static Dictionary<string, string> Form(string name, string description, string status) =>
        ProjectsServices.Form(name, description, status);

    // "101" stands for a string of 101 characters.
    private static string Expand(string value) => int.TryParse(value, out var length) ? new string('x', length) : value;

    /// <summary>The message shown next to a field (the span that asp-validation-for renders), or null.</summary>
    private static string? FieldError(string html, string field)
    {
        var match = Regex.Match(html, $"<span[^>]*data-valmsg-for=\"{field}\"[^>]*>([^<]*)</span>");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }
}

public sealed class SqliteProjectsTests(SqliteProjectsApp fixture) : ProjectsTests<SqliteProjectsApp>(fixture);

public sealed class PostgresProjectsTests(PostgresProjectsApp fixture) : ProjectsTests<PostgresProjectsApp>(fixture);
