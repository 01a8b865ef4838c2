using System.Diagnostics;
using System.Text.Json;
using Monolith.Testing;

namespace Monolith.Tests.Integration;

/// <summary>The app binary as an operator runs it: commands, exit codes and one-line errors.</summary>
public sealed class CommandLineTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Help_lists_every_command()
    {
        var (exitCode, stdout, _) = await Run(["--help"], []);

        Assert.Equal(0, exitCode);
        foreach (var command in new[] { "web", "worker", "migrate", "createsuperuser", "check", "seed" })
        {
            Assert.Matches($@"(?m)^\s+{command}\s", stdout);
        }
    }

    [Theory]
    [InlineData("web")]
    [InlineData("migrate")]
    [InlineData("check")]
    public async Task Unknown_provider_stops_every_command_with_one_line_naming_the_key(string command)
    {
        var (exitCode, stdout, stderr) = await Run([command], new() { ["Database__Provider"] = "MySql" });

        Assert.NotEqual(0, exitCode);
        var output = stdout + stderr;
        Assert.Contains("Database:Provider must be Sqlite or Postgres, not 'MySql'.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "ConnectionStrings:Postgres is required")]
    [InlineData("Host=db;;=broken", "ConnectionStrings:Postgres is malformed")]
    public async Task Bad_postgres_connection_string_is_one_line_naming_the_key(string connectionString, string message)
    {
        var (exitCode, _, stderr) = await Run([], new()
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Postgres"] = connectionString,
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {message}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_against_an_unreachable_database_gives_up_within_30_seconds_naming_the_host()
    {
        var closedPort = TestServices.FreeTcpPort();
        var clock = Stopwatch.StartNew();

        var (exitCode, _, stderr) = await Run(["migrate"], new()
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Postgres"] = $"Host=127.0.0.1;Port={closedPort};Database=app;Username=app;Password=hunter2",
        });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: Database 127.0.0.1:{closedPort}/app (ConnectionStrings:Postgres) did not answer", line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Web_against_an_unreachable_database_exits_with_one_line_naming_the_host()
    {
        var closedPort = TestServices.FreeTcpPort();

        var (exitCode, stdout, stderr) = await Run([], new()
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectTimeoutSeconds"] = "2",
            ["ConnectionStrings__Postgres"] = $"Host=127.0.0.1;Port={closedPort};Database=app;Username=app",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains($"error: Database 127.0.0.1:{closedPort}/app (ConnectionStrings:Postgres) did not answer within 2 s", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_app_is_migrated_by_the_migrate_command_then_checks_clean_and_serves()
    {
        await using var database = PostgresDatabase.NewName();
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
        };

        var before = await Run(["check"], environment);
        Assert.Equal(1, before.ExitCode);
        Assert.Contains("migration(s) not applied", before.Stdout, StringComparison.Ordinal);

        var first = await Run(["migrate"], environment);
        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"(?m)^Applied [0-9]{14}_Initial$", first.Stdout);
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" LIKE '%_Initial'"));

        var second = await Run(["migrate"], environment);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("no migrations to apply", second.Stdout, StringComparison.Ordinal);

        var check = await Run(["check"], environment);
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("No problems found.", check.Stdout, StringComparison.Ordinal);

        await AssertServesAsync(environment);
    }

    [Fact]
    public async Task Production_logs_one_json_line_per_request_and_none_for_health_probes()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("monolith-cli-").FullName;
        var port = TestServices.FreeTcpPort();
        await using (var app = AppProcess.Start(["--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string>
        {
            ["Database__DataDirectory"] = dataDirectory,
        }))
        {
            await app.WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{port}/readyz"), CommandTimeout);
            using var http = new HttpClient();
            await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"), TestContext.Current.CancellationToken);
            await http.GetAsync(new Uri($"http://127.0.0.1:{port}/no-such-page"), TestContext.Current.CancellationToken);
            Assert.Equal(0, await app.TerminateAsync(CommandTimeout));

            var events = app.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement) // every line is JSON
                .ToList();
            var requests = events.Where(e => e.TryGetProperty("RequestPath", out _)).ToList();
            var request = Assert.Single(requests);
            Assert.Equal("/no-such-page", request.GetProperty("RequestPath").GetString());
            Assert.Equal(404, request.GetProperty("StatusCode").GetInt32());
            Assert.Equal("GET", request.GetProperty("RequestMethod").GetString());
            Assert.True(request.GetProperty("Elapsed").GetDouble() > 0);
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    private static async Task AssertServesAsync(Dictionary<string, string> environment)
    {
        var port = TestServices.FreeTcpPort();
        await using var app = AppProcess.Start(["--urls", $"http://127.0.0.1:{port}"], environment);
        await app.WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{port}/readyz"), CommandTimeout);
        using var http = new HttpClient();
        var home = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"), TestContext.Current.CancellationToken);
        Assert.Contains("navbar", home, StringComparison.Ordinal);
        Assert.Equal(0, await app.TerminateAsync(CommandTimeout));
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Run(
        string[] args, Dictionary<string, string> environment) =>
        AppProcess.RunAsync(args, environment, CommandTimeout);
}
