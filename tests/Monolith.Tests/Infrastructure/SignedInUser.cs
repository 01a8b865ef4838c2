using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Web.Data;

namespace Monolith.Tests.Infrastructure;

/// <summary>An <c>AppUser</c> row and a client signed in as that user (through <see cref="TestAuthentication"/>, so the app must register it).</summary>
public sealed partial class SignedInUser
{
    private SignedInUser(AppUser user, HttpClient client)
    {
        User = user;
        Client = client;
    }

    public AppUser User { get; }

    public string Id => User.Id;

    public HttpClient Client { get; }

    public static async Task<SignedInUser> CreateAsync(AppFactory app, string? name = null)
    {
        name ??= $"user{Guid.NewGuid():N}";
        var user = new AppUser
        {
            UserName = name,
            NormalizedUserName = name.ToUpperInvariant(),
            Email = $"{name}@example.com",
            NormalizedEmail = $"{name}@example.com".ToUpperInvariant(),
            EmailConfirmed = true,
        };
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }

        return new SignedInUser(user, SignedInClient(app, user.Id));
    }

    /// <summary>A client (with its own cookie jar) that signs in as <paramref name="userId"/> on every request.</summary>
    public static HttpClient SignedInClient(AppFactory app, string userId)
    {
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add(TestAuthentication.Header, TestAuthentication.User(userId, userId));
        return client;
    }

    /// <summary>Opens the page with the form and posts it back with its anti-forgery token, as a browser would.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string formPage, string action, IReadOnlyDictionary<string, string> fields)
    {
        var token = await FormTokenAsync(formPage);
        return await PostAsync(action, token, fields);
    }

    public async Task<string> FormTokenAsync(string formPage)
    {
        using var page = await Client.GetAsync(formPage);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return AntiforgeryToken().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
    }

    public Task<HttpResponseMessage> PostAsync(string action, string token, IReadOnlyDictionary<string, string> fields) =>
        Client.PostAsync(action, new FormUrlEncodedContent(
            fields.Append(new KeyValuePair<string, string>("__RequestVerificationToken", token))));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
