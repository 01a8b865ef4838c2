using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Web.Accounts;
using Monolith.Web.Data;
using Npgsql;

/// <summary>The app in process (web role) on a new database of its own: PostgreSQL, or a SQLite file in the work folder.</summary>
internal sealed partial class AdminHost(DatabaseProvider provider, string database) : WebApplicationFactory<Program>
{
    private const string AdminEmail = "bench-admin@example.com";
    private const string AdminPassword = "bench admin password";
    private const int Owners = 20;

    private readonly string _postgres = new NpgsqlConnectionStringBuilder(
        Environment.GetEnvironmentVariable("BENCH_POSTGRES") ?? throw new InvalidOperationException("BENCH_POSTGRES is not set (run bench/admin/run.sh)."))
    { Database = database }.ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", provider.ToString());
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("ConnectionStrings:Postgres", _postgres);
        builder.UseSetting("Database:DataDirectory", Path.Combine(
            Environment.GetEnvironmentVariable("BENCH_WORK") ?? Path.GetTempPath(), database));
        builder.UseSetting("App:Role", "web");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Warning");
    }

    /// <summary>The admin, some owners, then the projects in one INSERT … SELECT (names in a shuffled order, four statuses, one a minute).</summary>
    public async Task SeedProjectsAsync(int rows)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SuperuserCreator>().CreateAsync(AdminEmail, AdminPassword);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        for (var i = 0; i < Owners; i++)
        {
            await users.CreateAsync(new AppUser { UserName = $"owner{i}@example.com", Email = $"owner{i}@example.com", EmailConfirmed = true });
        }

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Postgres ? PostgresSeed(rows) : SqliteSeed(rows));
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }

    /// <summary>Signs in through the login form, as a browser would: the client keeps the cookie.</summary>
    public async Task<HttpClient> SignedInAdminAsync()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var login = new Uri("/Identity/Account/Login", UriKind.Relative);
        var form = await client.GetStringAsync(login);
        using var response = await client.PostAsync(login, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = AdminEmail,
            ["Input.Password"] = AdminPassword,
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value,
        }));
        if ((int)response.StatusCode != 302)
        {
            throw new InvalidOperationException($"Signing in as the admin answered {(int)response.StatusCode}, not a redirect.");
        }

        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (provider == DatabaseProvider.Postgres)
        {
            await using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_postgres) { Database = "postgres" }.ToString());
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }
    }

    // 100003 is a prime above the row count: i * 7919 % 100003 gives every row its own name, out of key order.
    private const string Columns = """INSERT INTO "Projects" ("Name", "NormalizedName", "Description", "Status", "CreatedAt", "UpdatedAt", "OwnerId")""";

    // The admin and the owners, in turn.
    private static readonly string Owner = $"""JOIN (SELECT "Id", ROW_NUMBER() OVER (ORDER BY "Id") - 1 AS n FROM "AspNetUsers") AS o ON o.n = i % {Owners + 1}""";

    private const string Status = "CASE i % 4 WHEN 0 THEN 'Planned' WHEN 1 THEN 'Active' WHEN 2 THEN 'OnHold' ELSE 'Done' END";

    private static string PostgresSeed(int rows) => $"""
        {Columns}
        SELECT 'Project ' || (i::bigint * 7919 % 100003), 'PROJECT ' || (i::bigint * 7919 % 100003), 'Seeded for the admin benchmark',
               {Status}, t, t, o."Id"
        FROM (SELECT i, timestamptz '2026-01-01 00:00:00+00' + i * interval '1 minute' AS t FROM generate_series(1, {rows}) AS i) AS s
        {Owner}
        """;

    private static string SqliteSeed(int rows) => $"""
        WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {rows})
        {Columns}
        SELECT 'Project ' || (i * 7919 % 100003), 'PROJECT ' || (i * 7919 % 100003), 'Seeded for the admin benchmark',
               {Status}, t, t, o."Id"
        FROM (SELECT i, strftime('%Y-%m-%d %H:%M:%S', '2026-01-01', '+' || i || ' minutes') || '+00:00' AS t FROM s) AS s
        {Owner}
        """;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
