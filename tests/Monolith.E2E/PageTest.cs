using Microsoft.Playwright;

namespace Monolith.E2E;

/// <summary>
/// A fresh browser page per test. When the test fails, a screenshot and a Playwright trace are saved
/// under the test output folder (artifacts/&lt;test&gt;.png and .zip) and attached to the result.
/// </summary>
public abstract class PageTest(Browser browser) : IAsyncLifetime
{
    private IBrowserContext _context = null!;

    protected IPage Page { get; private set; } = null!;

    protected List<string> ConsoleErrors { get; } = [];

    /// <summary>Accessibility and console checks of every page visited (see <see cref="PageChecks"/>).</summary>
    protected PageChecks Checks { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await browser.Chromium.NewContextAsync();
        await _context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
        Page = await _context.NewPageAsync();
        Checks = new PageChecks(Page);
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add(message.Text);
            }
        };
    }

    public async ValueTask DisposeAsync()
    {
        var failed = TestContext.Current.TestState?.Result == TestResult.Failed;
        var name = string.Concat((TestContext.Current.Test?.TestDisplayName ?? "test").Select(c => char.IsLetterOrDigit(c) ? c : '_'));
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
        if (failed)
        {
            Directory.CreateDirectory(folder);
            var screenshot = Path.Combine(folder, name + ".png");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            TestContext.Current.AddAttachment("screenshot", screenshot);
        }

        await _context.Tracing.StopAsync(failed ? new TracingStopOptions { Path = Path.Combine(folder, name + ".zip") } : null);
        await _context.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
