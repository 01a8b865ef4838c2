using StackExchange.Redis;

namespace Monolith.Web.Caching;

/// <summary>
/// The one Redis connection shared by the data cache (L2), its backplane, the page cache and the
/// health check, tuned so that a dead or hung Redis costs milliseconds, never an outage.
/// </summary>
internal sealed class RedisConnection(IConfiguration configuration, ILogger<RedisConnection> logger) : IAsyncDisposable
{
    public const string ConfigurationKey = "Redis:Configuration";

    private readonly object _gate = new();
    private Task<IConnectionMultiplexer>? _connection;

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[ConfigurationKey]);

    /// <summary>The problem with <c>Redis:Configuration</c>, naming the key, or null when it is absent or usable.</summary>
    public static string? Problem(IConfiguration configuration)
    {
        if (!IsConfigured(configuration))
        {
            return null;
        }

        try
        {
            return Options(configuration[ConfigurationKey]!).EndPoints.Count == 0
                ? $"{ConfigurationKey} names no host:port."
                : null;
        }
        catch (ArgumentException e)
        {
            return $"{ConfigurationKey} is malformed: {e.Message}";
        }
    }

    /// <summary>
    /// StackExchange.Redis options: the app's resilient defaults, except where the configuration
    /// string sets a value itself.
    /// </summary>
    public static ConfigurationOptions Options(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        bool Given(string name) => configuration.Contains(name + "=", StringComparison.OrdinalIgnoreCase);

        // Start and keep retrying in the background when Redis is down, instead of failing start-up.
        options.AbortOnConnectFail = false;
        // While disconnected, fail commands at once (the caches fall back to memory) instead of
        // queueing them until a timeout.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new ExponentialRetry(deltaBackOffMilliseconds: 250, maxDeltaBackOffMilliseconds: 5_000);
        if (!Given("connectTimeout"))
        {
            options.ConnectTimeout = 1_000;
        }

        if (!Given("syncTimeout"))
        {
            options.SyncTimeout = 500;
        }

        if (!Given("asyncTimeout"))
        {
            options.AsyncTimeout = 500;
        }

        return options;
    }

    public Task<IConnectionMultiplexer> ConnectAsync()
    {
        lock (_gate)
        {
            return _connection ??= OpenAsync();
        }
    }

    private async Task<IConnectionMultiplexer> OpenAsync()
    {
        var options = Options(configuration[ConfigurationKey]!);
        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        if (!connection.IsConnected)
        {
            logger.LogWarning(
                "Redis at {Endpoints} does not answer; caching in memory only until it does",
                string.Join(", ", options.EndPoints));
        }

        connection.ConnectionFailed += (_, e) =>
            logger.LogWarning("Redis connection to {Endpoint} lost ({FailureType}); caching in memory only until it is back", e.EndPoint, e.FailureType);
        connection.ConnectionRestored += (_, e) =>
            logger.LogInformation("Redis connection to {Endpoint} restored", e.EndPoint);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { IsCompletedSuccessfully: true } connection)
        {
            await connection.Result.DisposeAsync();
        }
    }
}
