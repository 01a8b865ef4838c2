using Microsoft.Playwright;

namespace Monolith.E2E;

/// <summary>The founder at work in /admin, end to end in Chromium, on the demo data of the `seed` command.</summary>
public sealed class AdminJourneyTests(Browser browser, EmbeddedApp app) : PageTest(browser), IClassFixture<Browser>, IClassFixture<EmbeddedApp>
{
    private const string SignInPath = "/Identity/Account/Login";

    [Fact]
    public async Task Admin_locks_a_user_fixes_a_project_bulk_deletes_two_and_sees_the_history()
    {
        var passwords = await SeedAsync();

        await Checks.VisitAsync(app.Url(SignInPath));
        await SubmitSignInAsync(Page, "admin@example.com", passwords["admin@example.com"]);
        await Assertions.Expect(Page.Locator("#account-nav")).ToContainTextAsync("admin@example.com");
        await Checks.AssertPageCleanAsync();

        // Find a user by search and lock them.
        await Checks.VisitAsync(app.Url("/admin"));
        await Checks.FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }), Page.Locator("#q"));
        await Page.Locator("#q").FillAsync("alice");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".users-list tbody tr")).ToHaveCountAsync(1);
        await Checks.AssertPageCleanAsync();
        await Checks.FollowAsync(Page.GetByRole(AriaRole.Link, new() { Name = "alice@example.com" }), Page.GetByRole(AriaRole.Button, new() { Name = "Lock" }));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lock" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("alice@example.com is locked");
        await Assertions.Expect(Page.Locator("[data-stat=locked]")).ToHaveTextAsync("Yes");
        await Checks.AssertPageCleanAsync();

        // The locked user, in a browser of their own, can no longer sign in.
        await using (var aliceContext = await Page.Context.Browser!.NewContextAsync())
        {
            var alice = await aliceContext.NewPageAsync();
            await alice.GotoAsync(app.Url(SignInPath).ToString());
            await SubmitSignInAsync(alice, "alice@example.com", passwords["alice@example.com"]);
            await Assertions.Expect(alice).ToHaveURLAsync(new Uri(app.BaseUrl, "/Identity/Account/Lockout").ToString());
            await Assertions.Expect(alice.GetByText("This account has been locked out")).ToBeVisibleAsync();
        }

        // Edit a project: an invalid value shows the field error and saves nothing, a valid one saves.
        await Checks.VisitAsync(app.Url("/admin/data/project"));
        var editLink = Page.GetByRole(AriaRole.Link, new() { Name = "Website relaunch", Exact = true });
        var projectId = (await editLink.GetAttributeAsync("href"))!.Split('/')[^1];
        await Checks.FollowAsync(editLink, Page.Locator("#f-Name"));
        await Page.Locator("#f-Name").FillAsync("");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#e-Name")).ToHaveTextAsync("Name is required.");
        await Checks.AssertPageCleanAsync(expectedStatus: 422);
        await Page.Locator("#f-Name").FillAsync("Website relaunch 2.0");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{projectId} saved");
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Website relaunch 2.0", Exact = true })).ToBeVisibleAsync();
        await Checks.AssertPageCleanAsync();

        // Bulk-delete two rows after the confirmation page.
        var deletedId = await CheckRowAsync("Mobile app");
        await CheckRowAsync("Pricing experiment");
        await Page.GetByRole(AriaRole.Combobox, new() { Name = "Action" }).SelectOptionAsync("delete");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Go" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Are you sure?" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator(".deleted-rows li")).ToHaveCountAsync(2);
        await Checks.AssertPageCleanAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 Project deleted");
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Mobile app" })).ToHaveCountAsync(0);
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Pricing experiment" })).ToHaveCountAsync(0);
        await Checks.AssertPageCleanAsync();

        // The history pages show the edit (old → new, by whom) and the deletion.
        await Checks.VisitAsync(app.Url($"/admin/data/project/history/{projectId}"));
        await Assertions.Expect(Page.Locator(".audit-entries")).ToContainTextAsync("Website relaunch → Website relaunch 2.0");
        await Assertions.Expect(Page.Locator(".audit-entries tbody tr").First).ToContainTextAsync("admin@example.com");
        await Checks.VisitAsync(app.Url($"/admin/data/project/history/{deletedId}"));
        await Assertions.Expect(Page.Locator(".audit-entries")).ToContainTextAsync("Deleted");
        Checks.AssertEveryPageChecked();
    }

    /// <summary>Runs the app's `seed` command on the running app's database; returns each demo account's password, printed once by the command.</summary>
    private async Task<Dictionary<string, string>> SeedAsync()
    {
        var stdout = await app.RunCommandAsync(["seed"]);
        return stdout.Split('\n')
            .Select(line => line.Trim().Split('\t'))
            .Where(fields => fields is [_, _, var password] && password.StartsWith("password: ", StringComparison.Ordinal))
            .ToDictionary(fields => fields[0], fields => fields[2]["password: ".Length..]);
    }

    private static async Task SubmitSignInAsync(IPage page, string email, string password)
    {
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("#login-submit").ClickAsync();
    }

    /// <summary>Ticks the list row of the project named <paramref name="name"/>; returns its key.</summary>
    private async Task<string> CheckRowAsync(string name)
    {
        var box = Page.Locator("tr", new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) }).Locator("input[name=ids]");
        await box.CheckAsync();
        return (await box.GetAttributeAsync("value"))!;
    }
}
