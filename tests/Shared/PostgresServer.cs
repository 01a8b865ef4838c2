using System.Globalization;
using Npgsql;

namespace Monolith.Testing;

/// <summary>
/// A PostgreSQL server of the test's own, on a free loopback port, for tests that stop the database
/// (the shared one must never be stopped). PostgreSQL refuses to run as root, so as root it runs as
/// the <c>postgres</c> user, like test.sh does.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _bin;

    private PostgresServer(string folder, string bin, int port)
    {
        _folder = folder;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_folder, "data");

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database,
    }.ToString();

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(version => Path.Combine(version, "bin"))
            .Where(path => File.Exists(Path.Combine(path, "initdb")))
            .OrderBy(path => double.Parse(Path.GetFileName(Path.GetDirectoryName(path))!, CultureInfo.InvariantCulture))
            .LastOrDefault() ?? throw new InvalidOperationException("No PostgreSQL under /usr/lib/postgresql: run ./test.sh, which installs it.");
        var folder = Directory.CreateTempSubdirectory("pg-server-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "socket"));
        if (RunsAsRoot)
        {
            await ExternalCommand.RunAsync("chown", "-R", "postgres:postgres", folder);
        }

        var server = new PostgresServer(folder, bin, TestServices.FreeTcpPort());
        await server.AsPostgresAsync("initdb", "-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8");
        await server.StartAgainAsync();
        return server;
    }

    public Task StartAgainAsync() => AsPostgresAsync(
        "pg_ctl", "-D", DataDirectory, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start", "-o",
        string.Create(CultureInfo.InvariantCulture,
            $"-p {Port} -k {Path.Combine(_folder, "socket")} -c listen_addresses=127.0.0.1 -c fsync=off"));

    /// <summary>Stops the server at once, as a crash or a lost network would look to the app.</summary>
    public Task StopAsync() => AsPostgresAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await StopAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    private Task<string> AsPostgresAsync(string program, params string[] args) => RunsAsRoot
        ? ExternalCommand.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. args])
        : ExternalCommand.RunAsync(Path.Combine(_bin, program), args);
}
