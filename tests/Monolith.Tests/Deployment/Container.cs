using System.Globalization;
using Monolith.Testing;

namespace Monolith.Tests.Deployment;

/// <summary>
/// Runs the published app the way its container runs it, without a container engine: bubblewrap
/// with a read-only root, only /tmp writable (the pod's emptyDir), as uid 1654 ($APP_UID of the .NET
/// images), the entrypoint as pid 1, and exactly the given environment. The network is the host's,
/// so the test PostgreSQL on loopback is reachable.
/// </summary>
public static class Container
{
    public const int AppUid = 1654;

    /// <summary>The variables the aspnet base image itself sets (the Dockerfile's ENV comes on top).</summary>
    public static readonly IReadOnlyDictionary<string, string> BaseImageEnvironment = new Dictionary<string, string>
    {
        ["APP_UID"] = $"{AppUid}",
        ["ASPNETCORE_HTTP_PORTS"] = "8080",
        ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
    };

    private const string AppDirectory = "/tmp/app";

    public static AppProcess Start(string publishDirectory, IEnumerable<string> command, IReadOnlyDictionary<string, string> environment)
    {
        var arguments = new List<string>
        {
            "--ro-bind", "/", "/", "--tmpfs", "/tmp", "--dir", AppDirectory, "--ro-bind", publishDirectory, AppDirectory,
            "--dev", "/dev", "--proc", "/proc", "--unshare-pid", "--as-pid-1", "--unshare-user",
            "--uid", $"{AppUid}", "--gid", $"{AppUid}", "--die-with-parent", "--chdir", AppDirectory, "--clearenv",
        };
        foreach (var (key, value) in environment)
        {
            arguments.AddRange(["--setenv", key, value]);
        }

        var (program, args) = (command.First(), command.Skip(1));
        arguments.Add(program == "dotnet" ? Dotnet() : program);
        arguments.AddRange(args);
        return AppProcess.Start("bwrap", arguments, new Dictionary<string, string>(), publishDirectory);
    }

    /// <summary>SIGTERM to the entrypoint (pid 1 in the sandbox), as the kubelet sends it; then waits for the exit code.</summary>
    public static async Task<int> TerminateAsync(AppProcess sandbox, TimeSpan timeout)
    {
        var children = await File.ReadAllTextAsync($"/proc/{sandbox.Id}/task/{sandbox.Id}/children");
        var entrypoint = int.Parse(children.Split(' ', StringSplitOptions.RemoveEmptyEntries).Single(), CultureInfo.InvariantCulture);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", $"{entrypoint}"]))
        {
            await kill.WaitForExitAsync();
        }

        return await sandbox.WaitForExitAsync(timeout);
    }

    private static string Dotnet() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(folder => Path.Combine(folder, "dotnet"))
            .First(File.Exists);
}
