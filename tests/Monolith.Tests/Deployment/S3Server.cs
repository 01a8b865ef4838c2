using System.Net.Sockets;
using System.Xml.Linq;
using Monolith.Testing;

namespace Monolith.Tests.Deployment;

/// <summary>
/// A local S3-compatible server (npm s3rver, installed on first use into ~/.cache) with one bucket,
/// on a free loopback port; its files are deleted on dispose. Access key and secret are both S3RVER.
/// </summary>
public sealed class S3Server : IAsyncDisposable
{
    public const string Bucket = "backups";
    public const string Credential = "S3RVER";
    private const string Package = "s3rver@3.7.1";

    private readonly AppProcess _process;
    private readonly string _directory;

    private S3Server(AppProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Endpoint = $"http://127.0.0.1:{port}";
    }

    public string Endpoint { get; }

    /// <summary>The keys of the bucket's objects under a prefix (an anonymous ListObjectsV2 request).</summary>
    public async Task<IReadOnlyList<string>> ListKeysAsync(string prefix)
    {
        using var http = new HttpClient();
        var xml = await http.GetStringAsync(new Uri($"{Endpoint}/{Bucket}?list-type=2&prefix={Uri.EscapeDataString(prefix)}"));
        return [.. XDocument.Parse(xml).Descendants().Where(e => e.Name.LocalName == "Key").Select(e => e.Value).Order()];
    }

    public static async Task<S3Server> StartAsync()
    {
        var script = await InstallAsync();
        var directory = Directory.CreateTempSubdirectory("s3rver-").FullName;
        var port = TestServices.FreeTcpPort();
        var process = AppProcess.Start(
            "node", [script, "-d", directory, "-p", $"{port}", "-a", "127.0.0.1", "--configure-bucket", Bucket],
            new Dictionary<string, string>(), directory);
        var server = new S3Server(process, directory, port);
        await server.WaitUntilListeningAsync(port);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<string> InstallAsync()
    {
        var prefix = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", Package.Replace('@', '-'));
        var script = Path.Combine(prefix, "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            Directory.CreateDirectory(prefix);
            var (exitCode, _, stderr) = await AppProcess.RunAsync(
                "npm", ["install", "--prefix", prefix, Package, "--no-audit", "--no-fund", "--loglevel=error"],
                new Dictionary<string, string>(), prefix, TimeSpan.FromMinutes(5));
            Assert.True(exitCode == 0, $"npm install {Package} failed:\n{stderr}");
        }

        return script;
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            Assert.False(_process.HasExited, $"s3rver exited:\n{_process.Stdout}\n{_process.Stderr}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"s3rver did not listen on {port}:\n{_process.Stdout}\n{_process.Stderr}");
    }
}
