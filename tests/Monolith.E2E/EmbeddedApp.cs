using Monolith.Testing;

namespace Monolith.E2E;

/// <summary>
/// The app as a real process on Kestrel, in its embedded shape: SQLite in a fresh folder, no other
/// service; without an SMTP server its emails land in <see cref="Outbox"/>.
/// </summary>
public sealed class EmbeddedApp : IAsyncLifetime, IAppUnderTest
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("monolith-e2e-").FullName;
    private AppProcess? _process;

    public EmbeddedApp()
    {
        Outbox = new Outbox(Path.Combine(_dataDirectory, "outbox"));
        Settings = new Dictionary<string, string>
        {
            ["Database__DataDirectory"] = _dataDirectory,
            ["Email__OutboxDirectory"] = Outbox.Directory,
        };
    }

    public Uri BaseUrl { get; } = new($"http://127.0.0.1:{TestServices.FreeTcpPort()}");

    public Outbox Outbox { get; }

    public IReadOnlyDictionary<string, string> Settings { get; }

    public async ValueTask InitializeAsync()
    {
        _process = AppProcess.Start(["--urls", BaseUrl.ToString()], Settings);
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
