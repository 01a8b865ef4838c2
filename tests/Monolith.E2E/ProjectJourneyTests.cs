using Microsoft.Playwright;
using Monolith.Testing;

namespace Monolith.E2E;

/// <summary>
/// The sample feature the way a customer and the founder use it, in a real browser, against each shape
/// of the app. Every page on the way passes the accessibility and console checks.
/// </summary>
public abstract class ProjectJourneyTests<TApp>(Browser browser, TApp app) : PageTest(browser)
    where TApp : class, IAppUnderTest
{
    private const string Password = "a long passphrase nobody guesses";

    // A spreadsheet would run this as a formula; the export must show it as text.
    private const string FormulaName = "=HYPERLINK(\"http://evil.example\",\"Open\")";
    private const string ScriptDescription = "<script>alert('x')</script>";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Customer_signs_up_keeps_a_project_exports_it_a_stranger_cannot_see_it_and_the_admin_edits_it()
    {
        var owner = $"owner-{Guid.NewGuid():N}@example.com";
        await Checks.VisitAsync(app.Url("/"));
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Checks.FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Pricing" }), Page.GetByRole(AriaRole.Heading, new() { Name = "Pricing" }));
        await RegisterAndSignInAsync(owner);

        var projectUrl = await CreateAndEditProjectAsync();
        await ExportAsync(owner);
        await SignOutAsync();

        await RegisterAndSignInAsync($"stranger-{Guid.NewGuid():N}@example.com");
        await Checks.VisitAsync(new Uri(projectUrl), status: 404);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Checks.VisitAsync(new Uri(projectUrl.Replace("/Details/", "/Edit/", StringComparison.Ordinal)), status: 404);
        await SignOutAsync();

        await AdminEditsTheProjectAsync();
        Checks.AssertEveryPageChecked();
    }

    /// <summary>An invalid name first, then a valid one; then an edit. Returns the project's page address.</summary>
    private async Task<string> CreateAndEditProjectAsync()
    {
        await Checks.FollowAsync(Page.Locator("#nav-projects"), Page.Locator("#no-projects"));
        await Checks.FollowAsync(Page.Locator("#create-project"), Page.GetByRole(AriaRole.Heading, new() { Name = "New project" }));

        await Page.Locator("#Name").FillAsync("   ");
        await Checks.FollowAsync(Page.Locator("#save-project"), Page.Locator("#Name-error"));
        await Assertions.Expect(Page.Locator("#Name-error")).ToHaveTextAsync("Enter a name.");

        await Page.Locator("#Name").FillAsync(FormulaName);
        await Page.Locator("#Description").FillAsync(ScriptDescription);
        await Checks.FollowAsync(Page.Locator("#save-project"), Page.Locator("#project-name"));
        await Assertions.Expect(Page.Locator("#project-name")).ToHaveTextAsync(FormulaName);
        await Assertions.Expect(Page.Locator("#project-description")).ToHaveTextAsync(ScriptDescription); // shown as text, never run
        var projectUrl = Page.Url;

        await Checks.FollowAsync(Page.Locator("#edit-project"), Page.GetByRole(AriaRole.Heading, new() { Name = "Edit project" }));
        await Page.Locator("#Status").SelectOptionAsync(new SelectOptionValue { Label = "Active" });
        await Page.Locator("#Description").FillAsync("Launch plan");
        await Checks.FollowAsync(Page.Locator("#save-project"), Page.Locator("#project-status"));
        await Assertions.Expect(Page.Locator("#project-status")).ToHaveTextAsync("Active");
        await Assertions.Expect(Page.Locator("#project-description")).ToHaveTextAsync("Launch plan");
        return projectUrl;
    }

    /// <summary>Export as CSV: the worker writes the file, the page and the email link to it, and the file is safe.</summary>
    private async Task ExportAsync(string owner)
    {
        await Checks.FollowAsync(Page.Locator("#nav-projects"), Page.Locator("#projects"));
        await Page.Locator("#export-csv").ClickAsync();
        // export-status.js reloads the page until the job has written the file.
        await Assertions.Expect(Page.Locator("#export-download")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Checks.AssertPageCleanAsync();

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("#export-download").ClickAsync());
        var csv = (await File.ReadAllTextAsync(await download.PathAsync(), Token)).Split("\r\n");
        Assert.Equal("\"Name\",\"Status\",\"Description\",\"Created (UTC)\",\"Updated (UTC)\"", csv[0].TrimStart('\uFEFF'));
        Assert.StartsWith("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Open\"\")\",\"Active\",\"Launch plan\",", csv[1], StringComparison.Ordinal);

        var email = await app.Outbox.WaitForMessageAboutAsync(owner, "export is ready", Token);
        var emailedLink = Outbox.FirstLink(email);
        var pageLink = new Uri(app.BaseUrl, await Page.Locator("#export-download").GetAttributeAsync("href"));
        Assert.Equal(pageLink, emailedLink);
        var byEmail = await Page.APIRequest.GetAsync(emailedLink.ToString());
        Assert.Equal(200, byEmail.Status);
        Assert.Contains("'=HYPERLINK", await byEmail.TextAsync(), StringComparison.Ordinal);
    }

    private async Task AdminEditsTheProjectAsync()
    {
        var admin = $"admin-{Guid.NewGuid():N}@example.com";
        await app.CreateSuperuserAsync(admin, Password);
        await SignInAsync(admin);
        await Checks.VisitAsync(app.Url("/admin"));
        await Checks.FollowAsync(Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Project", Exact = true }), Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }));
        await Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync("HYPERLINK");
        await Checks.FollowAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Search" }), Page.GetByRole(AriaRole.Link, new() { Name = FormulaName }));
        await Checks.FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = FormulaName }), Page.Locator("#f-Description"));

        await Page.Locator("#f-Description").FillAsync("Reviewed by the admin");
        await Checks.FollowAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Save" }), Page.GetByRole(AriaRole.Status));
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("saved");

        await Checks.FollowAsync(Page.Locator("table.admin-list").GetByRole(AriaRole.Link, new() { Name = "History" }), Page.Locator("table.audit-entries"));
        await Assertions.Expect(Page.Locator("table.audit-entries")).ToContainTextAsync("Launch plan → Reviewed by the admin");
        await Assertions.Expect(Page.Locator("table.audit-entries")).ToContainTextAsync(admin);
    }

    private async Task RegisterAndSignInAsync(string email)
    {
        await Checks.FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Register" }), Page.Locator("#Input_Email"));
        await Page.Locator("#Input_Email").FillAsync(email);
        await Page.Locator("#Input_Password").FillAsync(Password);
        await Page.Locator("#Input_ConfirmPassword").FillAsync(Password);
        await Checks.FollowAsync(Page.Locator("#registerSubmit"), Page.GetByRole(AriaRole.Heading, new() { Name = "Register confirmation" }));

        var confirmation = await app.Outbox.WaitForMessageToAsync(email);
        await Checks.VisitAsync(Outbox.FirstLink(confirmation));
        await Assertions.Expect(Page.GetByText("Thank you for confirming your email.")).ToBeVisibleAsync();
        await SignInAsync(email);
    }

    private async Task SignInAsync(string email)
    {
        await Checks.FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }), Page.Locator("#Input_Email"));
        await Page.Locator("#Input_Email").FillAsync(email);
        await Page.Locator("#Input_Password").FillAsync(Password);
        await Checks.FollowAsync(Page.Locator("#login-submit"), Page.Locator("#account-nav").GetByText(email));
    }

    private Task SignOutAsync() =>
        Checks.FollowAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }), Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }));
}

public sealed class EmbeddedProjectJourneyTests(Browser browser, EmbeddedApp app)
    : ProjectJourneyTests<EmbeddedApp>(browser, app), IClassFixture<Browser>, IClassFixture<EmbeddedApp>;

public sealed class ProductionProjectJourneyTests(Browser browser, ProductionApp app)
    : ProjectJourneyTests<ProductionApp>(browser, app), IClassFixture<Browser>, IClassFixture<ProductionApp>;
