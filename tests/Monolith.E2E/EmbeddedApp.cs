using Monolith.Testing;

namespace Monolith.E2E;

/// <summary>The app as a real process on Kestrel, in its embedded shape: SQLite in a fresh folder, no other service.</summary>
public sealed class EmbeddedApp : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("monolith-e2e-").FullName;
    private AppProcess? _process;

    public Uri BaseUrl { get; } = new($"http://127.0.0.1:{TestServices.FreeTcpPort()}");

    public async ValueTask InitializeAsync()
    {
        _process = AppProcess.Start(["--urls", BaseUrl.ToString()], new Dictionary<string, string>
        {
            ["Database__DataDirectory"] = _dataDirectory,
        });
        await _process.WaitUntilReadyAsync(new Uri(BaseUrl, "/readyz"), TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }
}
