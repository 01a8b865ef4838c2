using System.Text.RegularExpressions;

namespace Monolith.Tests.Infrastructure;

/// <summary>Submits a page's form the way a browser does: GET the page, then POST its fields with its antiforgery token (to the page, or to <c>postTo</c>).</summary>
public static partial class FormPosts
{
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client, string path, IReadOnlyDictionary<string, string> fields, string? postTo = null)
    {
        var page = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"{path} has no antiforgery token");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token.Groups[1].Value };
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(postTo ?? path, content, TestContext.Current.CancellationToken);
    }

    public static async Task<string> BodyAsync(this HttpResponseMessage response) =>
        await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
