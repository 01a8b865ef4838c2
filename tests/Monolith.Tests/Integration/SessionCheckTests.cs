using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Testing;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;

namespace Monolith.Tests.Integration;

/// <summary>An open session ends at its next check once its account is locked (here every request is a check).</summary>
public sealed class SessionCheckTests(SessionCheckTests.CheckEveryRequestApp fixture) : IClassFixture<SessionCheckTests.CheckEveryRequestApp>
{
    private const string AccountPage = "/Identity/Account/Manage";

    [Fact]
    public async Task Locking_an_account_ends_its_open_session_at_the_next_check()
    {
        var email = await TestUsers.CreateAsync(fixture.App.Services);
        using var browser = fixture.App.CreateBrowserLikeClient();
        using (var signIn = await browser.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = TestUsers.Password,
        }))
        {
            Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        }

        using (var before = await browser.GetAsync(AccountPage, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            Assert.True((await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue)).Succeeded);
            Assert.True((await users.UpdateSecurityStampAsync(user)).Succeeded);
        }

        using var after = await browser.GetAsync(AccountPage, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Identity/Account/Login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    public sealed class CheckEveryRequestApp() : AppFixture(DatabaseProvider.Sqlite)
    {
        protected override IReadOnlyDictionary<string, string?> Settings(TestDatabase database) =>
            new Dictionary<string, string?>(database.Settings) { ["Accounts:SessionCheckSeconds"] = "0" };
    }
}
