namespace Monolith.Bench.Caching;

/// <summary>The fastest page ASP.NET Core can serve: Kestrel and one endpoint, nothing else.</summary>
internal static class BareEndpoint
{
    public static async Task<int> RunAsync(string port, string file)
    {
        var page = await File.ReadAllBytesAsync(file);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/", () => Results.Bytes(page, "text/html; charset=utf-8"));
        await app.RunAsync();
        return 0;
    }
}
