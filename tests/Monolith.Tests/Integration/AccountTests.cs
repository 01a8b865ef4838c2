using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Testing;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Accounts;
using Monolith.Web.Data;

namespace Monolith.Tests.Integration;

/// <summary>Sign-up to sign-in with the built-in Identity pages, on each database provider.</summary>
public abstract class AccountTests<TApp>(TApp fixture) : IClassFixture<TApp>
    where TApp : AppFixture
{
    private readonly HttpClient _client = fixture.App.CreateBrowserLikeClient();

    [Fact]
    public async Task Sign_up_emails_a_confirmation_link_to_the_outbox_and_following_it_allows_sign_in()
    {
        var email = TestUsers.NewEmail();

        using var register = await Register(email, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode);
        Assert.StartsWith("/Identity/Account/RegisterConfirmation", register.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using (var beforeConfirming = await SignIn(email, TestUsers.Password))
        {
            Assert.Equal(HttpStatusCode.OK, beforeConfirming.StatusCode); // the form again, not signed in
            Assert.False((await TestUsers.FindAsync(fixture.App.Services, email))!.EmailConfirmed);
        }

        var message = await fixture.Outbox.WaitForMessageToAsync(email);
        Assert.Equal("Confirm your email", message.Subject);
        var link = Outbox.FirstLink(message);
        using (var confirm = await _client.GetAsync(link.PathAndQuery, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
            Assert.Contains("Thank you for confirming your email.", await confirm.BodyAsync(), StringComparison.Ordinal);
        }

        using var signIn = await SignIn(email, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var home = await _client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains(email, home, StringComparison.Ordinal);
        Assert.Contains("Sign out", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_the_right_one_no_longer_works()
    {
        var email = await TestUsers.CreateAsync(fixture.App.Services);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await SignIn(email, "not the password at all");
            Assert.Contains("Invalid login attempt.", await wrong.BodyAsync(), StringComparison.Ordinal);
        }

        using var fifth = await SignIn(email, "not the password at all");
        Assert.Equal("/Identity/Account/Lockout", fifth.Headers.Location?.OriginalString);
        using var right = await SignIn(email, TestUsers.Password);
        Assert.Equal("/Identity/Account/Lockout", right.Headers.Location?.OriginalString);

        var user = await TestUsers.FindAsync(fixture.App.Services, email);
        Assert.InRange(user!.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task Admin_role_exists_after_migrating()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();

        var admin = await roles.FindByNameAsync(Roles.Admin);

        Assert.NotNull(admin);
        Assert.Equal("ADMIN", admin.NormalizedName);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two@@example.com")]
    [InlineData("name@localhost")]
    [InlineData("name@exa mple.com")]
    [InlineData("\u0430dmin@example.com")] // Cyrillic а, looks like a Latin a
    [InlineData("admin@ex\u0430mple.com")]
    [InlineData("<script>alert(1)</script>@example.com")]
    [InlineData("x'; DROP TABLE \"AspNetUsers\"; --@example.com")]
    public async Task Bad_email_is_refused_with_a_message_and_stores_nothing(string email)
    {
        using var response = await Register(email, TestUsers.Password);
        var html = await response.BodyAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("field-validation-error|validation-summary-errors", html);
        Assert.Matches("valid e-?mail|plain letters|not a valid", html);
        AssertEncoded(html);
        Assert.Equal(0, await CountUsersAsync(email));
        Assert.DoesNotContain(Outbox.MessagesIn(fixture.Outbox.Directory), m => m.To.ToString().Contains(email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Overlong_email_is_refused_and_stores_nothing()
    {
        var email = new string('a', 250) + "@example.com";

        using var response = await Register(email, TestUsers.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at most 254 characters", await response.BodyAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CountUsersAsync(email));
    }

    [Theory]
    [InlineData("short pass", "at least 12 characters")]
    [InlineData("aaaaaaaaaaaaaaaa", "repeat one character")]
    public async Task Weak_password_is_refused_with_the_rule_it_breaks(string password, string message)
    {
        var email = TestUsers.NewEmail();

        using var response = await Register(email, password);

        Assert.Contains(message, await response.BodyAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CountUsersAsync(email));
    }

    [Fact]
    public async Task Password_containing_the_email_name_is_refused()
    {
        var email = TestUsers.NewEmail();
        var password = "my " + email.Split('@')[0] + " password";

        using var response = await Register(email, password);

        Assert.Contains("must not contain your email address", await response.BodyAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CountUsersAsync(email));
    }

    [Fact]
    public async Task Same_email_in_other_letter_case_cannot_register_twice()
    {
        var email = await TestUsers.CreateAsync(fixture.App.Services);
        var normalized = email.ToUpperInvariant();

        using var response = await Register(normalized, TestUsers.Password);

        Assert.Contains("is already taken", await response.BodyAsync(), StringComparison.Ordinal);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == normalized, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Signed_in_user_downloads_their_personal_data()
    {
        var email = await TestUsers.CreateAsync(fixture.App.Services);
        using var signIn = await SignIn(email, TestUsers.Password);

        using var data = await _client.SubmitFormAsync(
            "/Identity/Account/Manage/PersonalData", new Dictionary<string, string>(), postTo: "/Identity/Account/Manage/DownloadPersonalData");

        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        var json = await data.BodyAsync();
        Assert.Contains(email, json, StringComparison.Ordinal);
        Assert.Contains("CreatedAt", json, StringComparison.Ordinal);
    }

    private static void AssertEncoded(string html)
    {
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("'; DROP", html, StringComparison.Ordinal);
    }

    private async Task<int> CountUsersAsync(string email)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Users.CountAsync(u => u.Email == email, TestContext.Current.CancellationToken);
    }

    private Task<HttpResponseMessage> Register(string email, string password) =>
        _client.SubmitFormAsync("/Identity/Account/Register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

    private Task<HttpResponseMessage> SignIn(string email, string password) =>
        _client.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
}

public sealed class SqliteAccountTests(SqliteApp fixture) : AccountTests<SqliteApp>(fixture);

public sealed class PostgresAccountTests(PostgresApp fixture) : AccountTests<PostgresApp>(fixture);
