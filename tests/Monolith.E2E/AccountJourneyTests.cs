using Microsoft.Playwright;
using Monolith.Testing;
using OtpNet;

namespace Monolith.E2E;

/// <summary>A new customer's first visit, end to end in Chromium: sign-up, emailed link, sign-in, 2FA.</summary>
public sealed class AccountJourneyTests(Browser browser, EmbeddedApp app) : PageTest(browser), IClassFixture<Browser>, IClassFixture<EmbeddedApp>
{
    private const string Password = "a long passphrase nobody guesses";

    [Fact]
    public async Task New_user_registers_confirms_signs_in_enables_2fa_and_signs_in_again_with_a_code()
    {
        var email = $"ada-{Guid.NewGuid():N}@example.com";
        await Page.GotoAsync(app.BaseUrl.ToString());

        await Page.GetByRole(AriaRole.Link, new() { Name = "Register" }).ClickAsync();
        await Page.Locator("#Input_Email").FillAsync(email);
        await Page.Locator("#Input_Password").FillAsync(Password);
        await Page.Locator("#Input_ConfirmPassword").FillAsync(Password);
        await Page.Locator("#registerSubmit").ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Register confirmation" })).ToBeVisibleAsync();

        var confirmation = await app.Outbox.WaitForMessageToAsync(email);
        await Page.GotoAsync(Outbox.FirstLink(confirmation).ToString());
        await Assertions.Expect(Page.GetByText("Thank you for confirming your email.")).ToBeVisibleAsync();

        await SignInAsync(email);
        await Assertions.Expect(Page.Locator("#account-nav")).ToContainTextAsync(email);

        var secret = await EnableAuthenticatorAsync();
        await Assertions.Expect(Page.GetByText("Put these codes in a safe place.")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("code.recovery-code")).ToHaveCountAsync(10);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await SignInAsync(email);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor authentication" })).ToBeVisibleAsync();
        await Page.Locator("#Input_TwoFactorCode").FillAsync(new Totp(secret).ComputeTotp());
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Assertions.Expect(Page.Locator("#account-nav")).ToContainTextAsync(email);
        Assert.Empty(ConsoleErrors); // a Content-Security-Policy violation would show here
    }

    private async Task SignInAsync(string email)
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await Page.Locator("#Input_Email").FillAsync(email);
        await Page.Locator("#Input_Password").FillAsync(Password);
        await Page.Locator("#login-submit").ClickAsync();
    }

    /// <summary>Adds an authenticator app the way a user copies the key into one; returns the shared secret.</summary>
    private async Task<byte[]> EnableAuthenticatorAsync()
    {
        await Page.GotoAsync(new Uri(app.BaseUrl, "/Identity/Account/Manage/TwoFactorAuthentication").ToString());
        await Page.Locator("#enable-authenticator").ClickAsync();
        var key = (await Page.Locator("kbd").First.InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        var secret = Base32Encoding.ToBytes(key);
        await Page.Locator("#Input_Code").FillAsync(new Totp(secret).ComputeTotp());
        await Page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(Page.GetByText("Your authenticator app has been verified.")).ToBeVisibleAsync();
        return secret;
    }
}
