using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;

namespace Monolith.Tests.Integration;

/// <summary>Data Protection keys live in the database: a sign-in made before a restart still works after it.</summary>
public sealed class KeyPersistenceTests
{
    private const string SessionCookie = ".AspNetCore.Identity.Application";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Sign_in_cookie_survives_an_app_restart(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        string cookie;
        await using (var before = new AppFactory(database.Settings))
        {
            var email = await TestUsers.CreateAsync(before.Services);
            using var signIn = await before.CreateBrowserLikeClient().SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.Password"] = TestUsers.Password,
            });
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal)).Split(';')[0];
        }

        await using var after = new AppFactory(database.Settings);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Identity/Account/Manage") { Headers = { { "Cookie", cookie } } };
        using var manage = await after.CreateBrowserLikeClient().SendAsync(request, TestContext.Current.CancellationToken);
        using var anonymous = await after.CreateBrowserLikeClient().GetAsync("/Identity/Account/Manage", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, manage.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode); // the page really needs a sign-in
        await using var scope = after.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync(TestContext.Current.CancellationToken));
    }
}
