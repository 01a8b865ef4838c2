using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Monolith.Testing;

/// <summary>The real services the tests use, given by ./test.sh (or a CI's service containers).</summary>
public static class TestServices
{
    /// <summary>Server-level connection string (no database), e.g. <c>Host=127.0.0.1;Port=5432;Username=postgres</c>.</summary>
    public static string Postgres => Required("TEST_POSTGRES");

    /// <summary>StackExchange.Redis configuration, e.g. <c>127.0.0.1:6379</c>.</summary>
    public static string Redis => Required("TEST_REDIS");

    public static string AppAssemblyPath => Metadata("AppAssemblyPath");

    public static string AppProjectDirectory => Metadata("AppProjectDirectory");

    /// <summary>The repository root: Dockerfile, k8s/, src/.</summary>
    public static string RepositoryRoot => Path.GetFullPath(Path.Combine(AppProjectDirectory, "..", ".."));

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Run ./test.sh, which starts PostgreSQL and Redis and sets it.");

    private static string Metadata(string key) =>
        typeof(TestServices).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == key).Value!;
}
