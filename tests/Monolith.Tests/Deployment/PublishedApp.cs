using Monolith.Testing;

namespace Monolith.Tests.Deployment;

/// <summary>The app restored and published with the Dockerfile's own <c>dotnet</c> arguments, once per test class.</summary>
public sealed class PublishedApp : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("published-").FullName;

    public Dockerfile Dockerfile { get; } = Dockerfile.Load();

    public async ValueTask InitializeAsync()
    {
        await DotnetAsync("restore", Dockerfile.RestoreArguments);
        var arguments = Dockerfile.PublishArguments.ToList();
        arguments[arguments.IndexOf("-o") + 1] = Directory;
        await DotnetAsync("publish", arguments);
    }

    private static async Task DotnetAsync(string command, IEnumerable<string> arguments)
    {
        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(
            "dotnet", [command, .. arguments, "-nologo"], new Dictionary<string, string>(),
            TestServices.RepositoryRoot, TimeSpan.FromMinutes(8));
        Assert.True(exitCode == 0, $"dotnet {command} failed:\n{stdout}\n{stderr}");
    }

    public ValueTask DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
