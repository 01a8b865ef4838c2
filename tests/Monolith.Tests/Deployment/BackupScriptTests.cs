using Monolith.Testing;
using Monolith.Tests.Deployment;
using Npgsql;

namespace Monolith.Tests.Integration.Deployment;

/// <summary>k8s/backup/backup.sh, the very file the backup CronJob and the restore Job run, against real servers.</summary>
[Collection(nameof(RunsAlone))]
public sealed class BackupScriptTests : IAsyncLifetime
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(2);
    private static readonly string Script = Path.Combine(TestServices.RepositoryRoot, "k8s", "backup", "backup.sh");
    private readonly string _backups = Directory.CreateTempSubdirectory("backups-").FullName;
    private readonly PostgresDatabase _source = PostgresDatabase.NewName();
    private readonly PostgresDatabase _scratch = PostgresDatabase.NewName();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync();
        await _scratch.DisposeAsync();
        Directory.Delete(_backups, recursive: true);
    }

    [Fact]
    public async Task Dump_then_restore_into_a_scratch_database_keeps_every_row_of_every_table()
    {
        await _source.CreateAsync();
        await _source.ExecuteAsync("""
            CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL);
            CREATE TABLE invoices (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, total numeric NOT NULL);
            INSERT INTO customers (name) SELECT 'customer ' || n FROM generate_series(1, 500) n;
            INSERT INTO invoices (customer_id, total) SELECT 1 + n % 500, n * 1.5 FROM generate_series(1, 2000) n;
            """);

        var dump = await RunAsync("dump", new() { ["PGDATABASE"] = _source.Name });
        Assert.Equal(0, dump.ExitCode);
        var file = Assert.Single(Directory.GetFiles(_backups));
        Assert.Matches($@"/{_source.Name}-\d{{8}}T\d{{6}}Z\.dump$", file);
        Assert.Equal("PGDMP"u8.ToArray(), File.ReadAllBytes(file)[..5]); // pg_dump's custom (compressed) format

        var restore = await RunAsync("restore", new() { ["PGDATABASE"] = _source.Name, ["RESTORE_DATABASE"] = _scratch.Name });
        Assert.True(restore.ExitCode == 0, restore.Stderr);

        Assert.Equal(500, await _scratch.ScalarAsync("SELECT count(*) FROM customers"));
        Assert.Equal(2000, await _scratch.ScalarAsync("SELECT count(*) FROM invoices"));
        Assert.Equal(await _source.ScalarAsync("SELECT sum(total)::int FROM invoices"), await _scratch.ScalarAsync("SELECT sum(total)::int FROM invoices"));
        Assert.Equal(await TableCountsAsync(_source), await TableCountsAsync(_scratch));

        // Restoring again over the restored copy replaces it rather than failing or duplicating rows.
        Assert.Equal(0, (await RunAsync("restore", new() { ["PGDATABASE"] = _source.Name, ["RESTORE_DATABASE"] = _scratch.Name })).ExitCode);
        Assert.Equal(500, await _scratch.ScalarAsync("SELECT count(*) FROM customers"));
    }

    [Theory]
    [InlineData("dump", "BACKUP_DIR", "PGDATABASE")]
    [InlineData("restore", "RESTORE_DATABASE", "PGDATABASE")]
    [InlineData("upload", "S3_ENDPOINT", "BACKUP_RETENTION_DAYS")]
    public async Task A_step_without_a_required_variable_stops_with_one_line_naming_it(string step, string missing, string other)
    {
        var environment = new Dictionary<string, string> { [other] = "x", ["BACKUP_RETENTION_DAYS"] = "30" };
        environment.Remove(missing);

        var result = await RunAsync(step, environment, withBackupDir: missing != "BACKUP_DIR");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"backup: {missing} is required", result.Stderr.Trim());
    }

    [Fact]
    public async Task Restore_refuses_a_target_database_name_that_could_inject_sql()
    {
        var result = await RunAsync("restore", new() { ["PGDATABASE"] = "x", ["RESTORE_DATABASE"] = "x'; DROP DATABASE y; --" });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("RESTORE_DATABASE may hold only", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_sends_backups_to_s3_deletes_only_those_past_retention_and_download_fetches_the_latest()
    {
        await using var s3 = await S3Server.StartAsync();
        var s3Environment = new Dictionary<string, string>
        {
            ["S3_ENDPOINT"] = s3.Endpoint,
            ["S3_BUCKET"] = S3Server.Bucket,
            ["S3_PREFIX"] = "production",
            ["S3_ACCESS_KEY_ID"] = S3Server.Credential,
            ["S3_SECRET_ACCESS_KEY"] = S3Server.Credential,
            ["BACKUP_RETENTION_DAYS"] = "30",
        };
        var now = DateTime.UtcNow;
        WriteBackup("app-20240101T031700Z.dump", now.AddDays(-40));
        WriteBackup("app-20240301T031700Z.dump", now.AddDays(-2));
        var newest = WriteBackup("app-20240303T031700Z.dump", now);

        var upload = await RunAsync("upload", s3Environment);

        Assert.True(upload.ExitCode == 0, upload.Stderr);
        Assert.Equal(["production/app-20240301T031700Z.dump", "production/app-20240303T031700Z.dump"], await s3.ListKeysAsync("production/"));

        var downloads = Directory.CreateTempSubdirectory("downloads-").FullName;
        try
        {
            var download = await RunAsync("download", new(s3Environment) { ["BACKUP_DIR"] = downloads, ["BACKUP_FILE"] = "latest" }, withBackupDir: false);
            Assert.True(download.ExitCode == 0, download.Stderr);
            Assert.Equal(File.ReadAllBytes(newest), File.ReadAllBytes(Assert.Single(Directory.GetFiles(downloads))));
        }
        finally
        {
            Directory.Delete(downloads, recursive: true);
        }
    }

    private string WriteBackup(string name, DateTime modified)
    {
        var path = Path.Combine(_backups, name);
        File.WriteAllText(path, $"dump {name}");
        File.SetLastWriteTimeUtc(path, modified);
        return path;
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string step, Dictionary<string, string> environment, bool withBackupDir = true)
    {
        var server = new NpgsqlConnectionStringBuilder(TestServices.Postgres);
        var variables = new Dictionary<string, string>
        {
            ["PGHOST"] = server.Host!,
            ["PGPORT"] = $"{server.Port}",
            ["PGUSER"] = server.Username!,
            ["PGPASSWORD"] = server.Password ?? "",
        };
        if (withBackupDir)
        {
            variables["BACKUP_DIR"] = _backups;
        }

        foreach (var (key, value) in environment)
        {
            variables[key] = value;
        }

        // rclone refuses this machine's AWS_CA_BUNDLE; the test server is plain HTTP anyway.
        return AppProcess.RunAsync("env", ["-u", "AWS_CA_BUNDLE", "sh", Script, step], variables, _backups, StepTimeout);
    }

    private static async Task<Dictionary<string, int>> TableCountsAsync(PostgresDatabase database)
    {
        var counts = new Dictionary<string, int>();
        foreach (var table in new[] { "customers", "invoices" })
        {
            counts[table] = await database.ScalarAsync($"SELECT count(*) FROM {table}");
        }

        counts["tables"] = await database.ScalarAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'");
        return counts;
    }
}
