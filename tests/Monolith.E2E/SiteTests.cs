using Microsoft.Playwright;

namespace Monolith.E2E;

public sealed class SiteTests(Browser browser, EmbeddedApp app) : PageTest(browser), IClassFixture<Browser>, IClassFixture<EmbeddedApp>
{
    [Fact]
    public async Task Visitor_sees_the_home_page_styled_by_bootstrap()
    {
        var response = await Page.GotoAsync(new Uri(app.BaseUrl, "/").ToString());

        Assert.Equal(200, response!.Status);
        Assert.Equal("Home · Monolith", await Page.TitleAsync());
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        // Bootstrap's stylesheet really applied: the navbar is a flex container and cards have borders.
        Assert.Equal("flex", await Page.Locator("nav.navbar").EvaluateAsync<string>("e => getComputedStyle(e).display"));
        Assert.NotEqual("0px", await Page.Locator(".card").First.EvaluateAsync<string>("e => getComputedStyle(e).borderTopWidth"));
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task Visitor_following_a_dead_link_gets_the_friendly_404_page()
    {
        var response = await Page.GotoAsync(new Uri(app.BaseUrl, "/pricing/enterprise-gold").ToString());

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Back to the home page" }).ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Uri(app.BaseUrl, "/").ToString());
    }
}
