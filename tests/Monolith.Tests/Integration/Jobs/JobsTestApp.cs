using Hangfire;
using Hangfire.Storage.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Testing;
using Monolith.Tests.Infrastructure;
using Npgsql;

namespace Monolith.Tests.Integration.Jobs;

/// <summary>
/// A fresh PostgreSQL database with an in-memory app host of a chosen role (it migrates the database
/// and enqueues jobs), plus worker processes of the real binary sharing that database.
/// </summary>
internal sealed class JobsTestApp : IAsyncDisposable
{
    private readonly List<AppProcess> _workers = [];
    private readonly Dictionary<int, Uri> _publicUrls = [];

    public JobsTestApp(string role = "web", IReadOnlyDictionary<string, string?>? settings = null)
    {
        Settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = Database.ConnectionString,
            ["App:Role"] = role,
            ["Jobs:InvisibilityTimeoutSeconds"] = "3",
            ["Jobs:ShutdownTimeoutSeconds"] = "3",
        };
        Host = new AppFactory(Settings);
        _ = Host.Server; // migrates the database before any worker starts
    }

    public PostgresDatabase Database { get; } = PostgresDatabase.NewName();

    public Dictionary<string, string?> Settings { get; }

    public AppFactory Host { get; }

    public IBackgroundJobClient Jobs => Host.Services.GetRequiredService<IBackgroundJobClient>();

    public JobDetailsDto Details(string jobId) =>
        Host.Services.GetRequiredService<JobStorage>().GetMonitoringApi().JobDetails(jobId);

    public string? State(string jobId) => Details(jobId).History.FirstOrDefault()?.StateName;

    /// <summary>Starts <c>dotnet Monolith.Web.dll worker</c> against the same database.</summary>
    public AppProcess StartWorker()
    {
        var environment = Settings
            .Where(setting => setting.Key != "App:Role" && setting.Value is not null)
            .ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value!);
        var publicUrl = new Uri($"http://127.0.0.1:{TestServices.FreeTcpPort()}");
        environment["ASPNETCORE_URLS"] = publicUrl.ToString();
        var worker = AppProcess.Start(["worker"], environment);
        _workers.Add(worker);
        _publicUrls[worker.Id] = publicUrl;
        return worker;
    }

    /// <summary>The public address the worker was given (and must not listen on).</summary>
    public Uri WorkerPublicUrl(AppProcess worker) => _publicUrls[worker.Id];

    public async Task<int> CountAsync(string sql) => await Database.ScalarAsync(sql);

    /// <summary>Holds an exclusive lock on a table until disposed, so a job touching it blocks mid-run.</summary>
    public async Task<IAsyncDisposable> LockTableAsync(string table)
    {
        var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"LOCK TABLE \"{table}\" IN ACCESS EXCLUSIVE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new TableLock(connection, transaction);
    }

    /// <summary>Polls until the condition holds; on time-out the message carries every worker's output.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                var output = string.Join("\n", _workers.Select(w => $"worker {w.Id}:\n{w.Stdout}{w.Stderr}"));
                throw new TimeoutException($"Timed out after {timeout} waiting until {what}.\n{output}");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        await Host.DisposeAsync();
        await Database.DisposeAsync();
    }

    private sealed class TableLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        }
    }
}
