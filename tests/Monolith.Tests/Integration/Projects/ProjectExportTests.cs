using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;

namespace Monolith.Tests.Integration.Projects;

/// <summary>"Export as CSV" through the background job, on each database provider (and its job storage).</summary>
public abstract partial class ProjectExportTests<TApp>(TApp fixture) : IClassFixture<TApp>
    where TApp : AppFixture
{
    private readonly AppFactory _app = fixture.App;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_writes_safe_csv_that_only_the_owner_downloads_until_the_link_expires()
    {
        var user = await SignedInUser.CreateAsync(_app);
        var other = await SignedInUser.CreateAsync(_app);
        (await user.CreateProjectAsync("=HYPERLINK(\"http://evil.example\")", "say \"hi\", then\nleave", "Active")).Dispose();
        (await user.CreateProjectAsync("@SUM(A1)", "-2+3", "Done")).Dispose();
        (await user.CreateProjectAsync("Plain, simple")).Dispose();

        using (var started = await user.PostAsync("/projects/export", await user.FormTokenAsync("/Projects"), new Dictionary<string, string>()))
        {
            Assert.Equal("/Projects#export", started.Headers.Location!.OriginalString);
        }

        var link = await WaitForDownloadLinkAsync(user);
        using var download = await user.Client.GetAsync(link, Token);
        Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
        var lines = (await download.Content.ReadAsStringAsync(Token)).Split("\r\n");
        Assert.Equal("\"Name\",\"Status\",\"Description\",\"Created (UTC)\",\"Updated (UTC)\"", lines[0]);
        Assert.StartsWith("\"'=HYPERLINK(\"\"http://evil.example\"\")\",\"Active\",\"say \"\"hi\"\", then\nleave\",", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("\"'@SUM(A1)\",\"Done\",\"'-2+3\",", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("\"Plain, simple\",\"Planned\",\"\",", lines[3], StringComparison.Ordinal);

        using (var stranger = await other.Client.GetAsync(link, Token))
        {
            Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        }

        var email = Assert.Single(_app.Services.GetRequiredService<CapturingEmailSender>().Sent, m => m.To == user.User.Email);
        Assert.Contains("export is ready", email.Subject, StringComparison.Ordinal);
        Assert.Contains($"href=\"{new Uri(user.Client.BaseAddress!, link)}\"", email.HtmlBody, StringComparison.Ordinal); // absolute: opened from a mail client

        await MakeExportOlderAsync(user.Id, TimeSpan.FromDays(2)); // past Exports:LinkLifetime (1 day)
        using (var expired = await user.Client.GetAsync(link, Token))
        {
            Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        }

        Assert.DoesNotContain("export-download", await user.Client.GetStringAsync("/Projects", Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_export_replaces_the_old_link()
    {
        var user = await SignedInUser.CreateAsync(_app);
        (await user.CreateProjectAsync("First")).Dispose();
        var token = await user.FormTokenAsync("/Projects");
        (await user.PostAsync("/projects/export", token, new Dictionary<string, string>())).Dispose();
        var firstLink = await WaitForDownloadLinkAsync(user);

        (await user.CreateProjectAsync("Second")).Dispose();
        (await user.PostAsync("/projects/export", token, new Dictionary<string, string>())).Dispose();
        var secondLink = await WaitForDownloadLinkAsync(user, except: firstLink);

        using var old = await user.Client.GetAsync(firstLink, Token);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Contains("\"Second\"", await user.Client.GetStringAsync(secondLink, Token), StringComparison.Ordinal);
    }

    private async Task MakeExportOlderAsync(string ownerId, TimeSpan age)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var export = await db.ProjectExports.SingleAsync(e => e.OwnerId == ownerId, Token);
        export.CompletedAt -= age;
        await db.SaveChangesAsync(Token);
    }

    /// <summary>Refreshes the list page, as export-status.js does, until the download link appears.</summary>
    private static async Task<string> WaitForDownloadLinkAsync(SignedInUser user, string? except = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var match = DownloadLink().Match(await user.Client.GetStringAsync("/Projects", Token));
            if (match.Success && match.Groups[1].Value != except)
            {
                return match.Groups[1].Value;
            }

            Assert.True(DateTime.UtcNow < deadline, "The export's download link did not appear within 30 s.");
            await Task.Delay(200, Token);
        }
    }

    [GeneratedRegex("<a id=\"export-download\"[^>]*href=\"([^\"]+)\"")]
    private static partial Regex DownloadLink();
}

public sealed class SqliteProjectExportTests(SqliteProjectsApp fixture) : ProjectExportTests<SqliteProjectsApp>(fixture);

public sealed class PostgresProjectExportTests(PostgresProjectsApp fixture) : ProjectExportTests<PostgresProjectsApp>(fixture);
