using Xunit.Sdk;

namespace Monolith.E2E;

/// <summary>The page checks reject what they exist to catch (no app needed: the pages are made here).</summary>
public sealed class PageChecksTests(Browser browser) : PageTest(browser), IClassFixture<Browser>
{
    private const string CleanPage =
        "<!DOCTYPE html><html lang=\"en\"><head><title>Clean</title></head><body><main><h1>Clean</h1></main></body></html>";

    [Fact]
    public async Task A_critical_accessibility_violation_fails_the_check()
    {
        await Page.SetContentAsync(CleanPage.Replace("<h1>Clean</h1>", "<img src=\"/logo.png\">", StringComparison.Ordinal));

        var failure = await Assert.ThrowsAsync<TrueException>(() => Checks.AssertPageCleanAsync());
        Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_console_error_fails_the_check()
    {
        await Page.SetContentAsync(CleanPage);
        await Page.RunAndWaitForConsoleMessageAsync(() => Page.EvaluateAsync("() => console.error('broken widget')"));

        var failure = await Assert.ThrowsAsync<TrueException>(() => Checks.AssertPageCleanAsync());
        Assert.Contains("broken widget", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_shown_but_never_checked_fails_until_it_is_checked()
    {
        await Page.GotoAsync("data:text/html," + Uri.EscapeDataString(CleanPage));

        Assert.Throws<TrueException>(Checks.AssertEveryPageChecked);
        await Checks.AssertPageCleanAsync();
        Checks.AssertEveryPageChecked();
    }
}
