using Monolith.Testing;

namespace Monolith.E2E;

/// <summary>
/// The app in its production-like shape, started as real processes the way Kubernetes runs them:
/// <c>migrate</c> first on a fresh PostgreSQL database, then a <c>web</c> process and a separate
/// <c>worker</c> process sharing Redis, the data folder (CSV exports) and the email outbox.
/// </summary>
public sealed class ProductionApp : IAsyncLifetime, IAppUnderTest
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("app-e2e-").FullName;
    private readonly PostgresDatabase _database = PostgresDatabase.NewName();
    private AppProcess? _web;
    private AppProcess? _worker;

    public ProductionApp()
    {
        Outbox = new Outbox(Path.Combine(_dataDirectory, "outbox"));
        Settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Postgres"] = _database.ConnectionString,
            ["Redis__Configuration"] = TestServices.Redis,
            ["Caching__KeyPrefix"] = $"e2e-{Guid.NewGuid():N}", // other tests share this Redis
            ["Database__DataDirectory"] = _dataDirectory,
            ["Email__OutboxDirectory"] = Outbox.Directory,
        };
    }

    public Uri BaseUrl { get; } = new($"http://127.0.0.1:{TestServices.FreeTcpPort()}");

    public Outbox Outbox { get; }

    public IReadOnlyDictionary<string, string> Settings { get; }

    public async ValueTask InitializeAsync()
    {
        await this.RunCommandAsync(["migrate"]);
        _web = AppProcess.Start(["web", "--urls", BaseUrl.ToString()], Settings);
        _worker = AppProcess.Start(["worker"], Settings);
        var worker = new Uri($"http://127.0.0.1:{_worker.ManagementPort}/readyz");
        await Task.WhenAll(
            _web.WaitUntilReadyAsync(new Uri(BaseUrl, "/readyz"), TimeSpan.FromSeconds(60)),
            _worker.WaitUntilReadyAsync(worker, TimeSpan.FromSeconds(60)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in new[] { _web, _worker })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        await _database.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
