using Monolith.Testing;

namespace Monolith.E2E;

/// <summary>The app started for a test class, in one of its shapes, and the settings its processes got.</summary>
public interface IAppUnderTest
{
    Uri BaseUrl { get; }

    Outbox Outbox { get; }

    /// <summary>The environment variables every process of this app runs with (database, data folder, outbox…).</summary>
    IReadOnlyDictionary<string, string> Settings { get; }
}

public static class AppUnderTestCommands
{
    public static Uri Url(this IAppUnderTest app, string path) => new(app.BaseUrl, path);

    /// <summary>Runs a management command (<c>createsuperuser</c>, <c>seed</c>…) against the app's database, as an operator would.</summary>
    public static async Task<string> RunCommandAsync(this IAppUnderTest app, IEnumerable<string> args, string? standardInput = null)
    {
        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(args, app.Settings, TimeSpan.FromSeconds(90), standardInput);
        Assert.True(exitCode == 0, $"{string.Join(' ', args)} exited with {exitCode}:\n{stdout}{stderr}");
        return stdout;
    }

    /// <summary>A confirmed account in the Admin role, made by <c>createsuperuser</c>.</summary>
    public static Task<string> CreateSuperuserAsync(this IAppUnderTest app, string email, string password) =>
        app.RunCommandAsync(["createsuperuser", "--email", email, "--password-stdin"], password);
}
