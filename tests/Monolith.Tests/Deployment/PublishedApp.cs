using Monolith.Testing;

namespace Monolith.Tests.Deployment;

/// <summary>The app published with the Dockerfile's own <c>dotnet publish</c> arguments, once per test class.</summary>
public sealed class PublishedApp : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("published-").FullName;

    public Dockerfile Dockerfile { get; } = Dockerfile.Load();

    public async ValueTask InitializeAsync()
    {
        var arguments = Dockerfile.PublishArguments.ToList();
        arguments[arguments.IndexOf("-o") + 1] = Directory;
        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(
            "dotnet", ["publish", .. arguments, "-nologo"], new Dictionary<string, string>(),
            TestServices.RepositoryRoot, TimeSpan.FromMinutes(8));
        Assert.True(exitCode == 0, $"dotnet publish failed:\n{stdout}\n{stderr}");
    }

    public ValueTask DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
