using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Monolith.E2E;

/// <summary>
/// What every page a test visits must pass: no critical accessibility violation found by axe-core,
/// and no console error or uncaught script error (a Content-Security-Policy violation shows as one).
/// Visit pages through <see cref="VisitAsync"/> and <see cref="FollowAsync"/>, or check the page a click led to with
/// <see cref="AssertPageCleanAsync"/>; <see cref="AssertEveryPageChecked"/> then proves none was skipped.
/// </summary>
public sealed class PageChecks
{
    // Passes and incomplete results are large and not looked at.
    private static readonly AxeRunOptions ViolationsOnly = new() { ResultTypes = [ResultType.Violations] };

    private readonly IPage _page;
    private readonly List<string> _errors = [];
    private readonly List<string> _visited = [];
    private readonly HashSet<string> _checked = [];

    public PageChecks(IPage page)
    {
        _page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record(_errors, $"console error on {page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => Record(_errors, $"script error on {page.Url}: {error}");
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                Record(_visited, WithoutFragment(frame.Url));
            }
        };
    }

    /// <summary>Opens <paramref name="url"/>, expects <paramref name="status"/> and checks the page.</summary>
    public async Task<IResponse> VisitAsync(Uri url, int status = 200)
    {
        var response = await _page.GotoAsync(url.ToString())
            ?? throw new InvalidOperationException($"{url} gave no response.");
        Assert.Equal(status, response.Status);
        await AssertPageCleanAsync(expectedStatus: status == 200 ? null : status);
        return response;
    }

    /// <summary>Clicks <paramref name="target"/>, waits until <paramref name="arrived"/> shows on the next page, and checks it.</summary>
    public async Task FollowAsync(ILocator target, ILocator arrived)
    {
        await target.ClickAsync();
        await Assertions.Expect(arrived.First).ToBeVisibleAsync();
        await AssertPageCleanAsync();
    }

    /// <summary>
    /// Checks the page now shown; call it once the test has seen the page it expects. An error status the
    /// test asked for is not a console error (Chromium logs "the server responded with a status of 404").
    /// </summary>
    public async Task AssertPageCleanAsync(int? expectedStatus = null)
    {
        await _page.WaitForLoadStateAsync(LoadState.Load);
        var url = _page.Url;
        // Legacy mode runs axe in the page itself. The default mode finishes every run in a new browser page
        // (for cross-origin iframes, which this app has none of) and made each check take seconds.
#pragma warning disable CS0618
        var result = await _page.Locator("html").RunAxeLegacy(ViolationsOnly);
#pragma warning restore CS0618
        var critical = result.Violations
            .Where(violation => violation.Impact == "critical")
            .Select(violation => $"{violation.Id} ({violation.Help}): {string.Join(", ", violation.Nodes.Select(node => node.Html))}")
            .ToList();
        Assert.True(critical.Count == 0, $"Critical accessibility violations on {url}:\n{string.Join('\n', critical)}");

        string[] errors;
        lock (_errors)
        {
            errors = [.. _errors.Where(error => expectedStatus is not { } status || !error.Contains($"status of {status}", StringComparison.Ordinal))];
            _errors.Clear();
        }

        Assert.True(errors.Length == 0, string.Join('\n', errors));
        lock (_visited)
        {
            _checked.Add(WithoutFragment(url));
        }
    }

    /// <summary>Fails when a page was shown (after a click, a redirect or a reload) that no check looked at.</summary>
    public void AssertEveryPageChecked()
    {
        lock (_visited)
        {
            var skipped = _visited.Distinct().Where(url => !_checked.Contains(url)).ToList();
            Assert.True(skipped.Count == 0, $"Pages shown but never checked: {string.Join(", ", skipped)}");
        }
    }

    private static void Record(List<string> list, string entry)
    {
        lock (list)
        {
            list.Add(entry);
        }
    }

    private static string WithoutFragment(string url) => url.Split('#')[0];
}
