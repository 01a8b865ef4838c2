using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Testing;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Accounts;
using Monolith.Web.Data;

namespace Monolith.Tests.Integration;

/// <summary><c>createsuperuser</c> and <c>check --deploy</c> as an operator runs them: the real binary, exit codes, one-line errors.</summary>
public sealed class AccountCommandTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Createsuperuser_creates_a_confirmed_admin_and_promotes_an_existing_account(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        var environment = Environment(database);
        Assert.Equal(0, (await Run(["migrate"], environment)).ExitCode);
        await using var app = new AppFactory(database.Settings);
        var existing = await TestUsers.CreateAsync(app.Services, confirmed: false);

        var created = await Run(["createsuperuser", "--email", "boss@example.com", "--password-stdin"], environment, TestUsers.Password);
        var promoted = await Run(["createsuperuser", "--email", existing], environment);

        Assert.Equal(0, created.ExitCode);
        Assert.Contains("Created boss@example.com in the Admin role.", created.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, promoted.ExitCode);
        Assert.Contains("now in the Admin role (password unchanged)", promoted.Stdout, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var email in new[] { "boss@example.com", existing })
        {
            var user = await users.FindByEmailAsync(email);
            Assert.True(user!.EmailConfirmed, email);
            Assert.True(await users.IsInRoleAsync(user, Roles.Admin), email);
        }

        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync("boss@example.com"))!, TestUsers.Password));
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync(existing))!, TestUsers.Password));
    }

    [Theory]
    [InlineData("weak@example.com", "short", "error: Passwords must be at least 12 characters.")]
    [InlineData("weak@example.com", "weakweakweakweak", "error: Passwords must not contain your email address or repeat one character.")]
    [InlineData("not-an-email", TestUsers.Password, "error: --email: Enter a valid email address, like name@example.com.")]
    [InlineData("b\u043ess@example.com", TestUsers.Password, "error: --email: Use an email address with plain letters")]
    public async Task Createsuperuser_refuses_bad_input_with_one_line_and_creates_nothing(string email, string password, string error)
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        var environment = Environment(database);
        environment[CreateSuperuserVariable] = password;
        Assert.Equal(0, (await Run(["migrate"], environment)).ExitCode);

        var (exitCode, stdout, stderr) = await Run(["createsuperuser", "--email", email], environment);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(error, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        await using var app = new AppFactory(database.Settings);
        Assert.Null(await TestUsers.FindAsync(app.Services, email));
    }

    [Fact]
    public async Task Createsuperuser_without_a_terminal_or_password_source_says_how_to_give_one()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        var environment = Environment(database);
        Assert.Equal(0, (await Run(["migrate"], environment)).ExitCode);

        var (exitCode, _, stderr) = await Run(["createsuperuser", "--email", "boss@example.com"], environment);

        Assert.Equal(1, exitCode);
        Assert.Equal("error: No password: use --password-stdin or set SUPERUSER_PASSWORD when there is no terminal.", stderr.Trim());
    }

    [Fact]
    public async Task Createsuperuser_before_migrating_says_to_migrate()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);

        var (exitCode, _, stderr) = await Run(["createsuperuser", "--email", "boss@example.com"], Environment(database));

        Assert.Equal(1, exitCode);
        Assert.Contains("run `migrate` first", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_deploy_flags_development_defaults_and_passes_a_production_setup()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        var production = Environment(database);
        production["Email__Smtp__Host"] = "smtp.example.invalid";
        Assert.Equal(0, (await Run(["migrate"], production)).ExitCode);
        var development = new Dictionary<string, string>(Environment(database))
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
        };

        var unsafeRun = await Run(["check", "--deploy"], development);
        var safeRun = await Run(["check", "--deploy"], production);
        var withoutDeploy = await Run(["check"], development);

        Assert.Equal(1, unsafeRun.ExitCode);
        Assert.Contains("problem: deploy: ASPNETCORE_ENVIRONMENT is Development", unsafeRun.Stdout, StringComparison.Ordinal);
        Assert.Contains("problem: deploy: Email:Smtp:Host is not set", unsafeRun.Stdout, StringComparison.Ordinal);
        Assert.Contains("problem: deploy: Accounts:CookieSecure is not Always", unsafeRun.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, safeRun.ExitCode);
        Assert.Contains("No problems found.", safeRun.Stdout, StringComparison.Ordinal);
        Assert.Contains("note: background jobs are kept in memory (Database:Provider is Sqlite)", safeRun.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, withoutDeploy.ExitCode);
    }

    [Fact]
    public async Task Check_deploy_flags_sqlite_and_untrusted_proxies_on_kubernetes_and_weak_account_settings()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        var environment = Environment(database);
        Assert.Equal(0, (await Run(["migrate"], environment)).ExitCode);
        environment["Email__Smtp__Host"] = "smtp.example.invalid";
        environment["KUBERNETES_SERVICE_HOST"] = "127.0.0.1";
        environment["Accounts__CookieSecure"] = "SameAsRequest";
        environment["Accounts__RequireConfirmedEmail"] = "false";

        var kubernetes = await Run(["check", "--deploy"], environment);
        environment["Security__TrustedNetworks__0"] = "0.0.0.0/0";
        var trustingEveryone = await Run(["check", "--deploy"], environment);

        Assert.Equal(1, kubernetes.ExitCode);
        Assert.Contains("Database:Provider is Sqlite on Kubernetes", kubernetes.Stdout, StringComparison.Ordinal);
        Assert.Contains("Security:TrustedNetworks and Security:TrustedProxies are empty on Kubernetes", kubernetes.Stdout, StringComparison.Ordinal);
        Assert.Contains("Accounts:CookieSecure is not Always", kubernetes.Stdout, StringComparison.Ordinal);
        Assert.Contains("Accounts:RequireConfirmedEmail is false", kubernetes.Stdout, StringComparison.Ordinal);
        Assert.Contains("4 problem(s) found.", kubernetes.Stdout, StringComparison.Ordinal);
        Assert.Contains("Security:TrustedNetworks contains 0.0.0.0/0", trustingEveryone.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("are empty on Kubernetes", trustingEveryone.Stdout, StringComparison.Ordinal);
    }

    private const string CreateSuperuserVariable = "SUPERUSER_PASSWORD";

    private static Dictionary<string, string> Environment(TestDatabase database) =>
        database.Settings.Where(setting => setting.Value is not null)
            .ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value!);

    private static Task<(int ExitCode, string Stdout, string Stderr)> Run(
        string[] args, Dictionary<string, string> environment, string? standardInput = null) =>
        AppProcess.RunAsync(args, environment, CommandTimeout, standardInput);
}
