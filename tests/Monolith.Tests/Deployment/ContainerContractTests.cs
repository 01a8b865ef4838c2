using System.Diagnostics;
using System.Reflection.PortableExecutable;
using k8s.Models;
using Monolith.Testing;
using Monolith.Tests.Deployment;
using Monolith.Web.Observability;

namespace Monolith.Tests.Integration.Deployment;

/// <summary>
/// The image's contract with Kubernetes, on the app published as the Dockerfile publishes it, run in a
/// container-like sandbox (<see cref="Container"/>) with only the environment the production overlay gives
/// the web pod: its ConfigMap as rendered, its Secret's keys pointing at the test services.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class ContainerContractTests(PublishedApp published) : IClassFixture<PublishedApp>, IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private readonly PostgresDatabase _database = PostgresDatabase.NewName();
    private readonly int _httpPort = TestServices.FreeTcpPort();
    private RenderedManifests _production = null!;
    private V1PodSpec _web = null!;

    public async ValueTask InitializeAsync()
    {
        _production = await RenderedManifests.RenderAsync("overlays/production");
        _web = _production.Named<V1Deployment>("monoapp-web").Spec.Template.Spec;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public void The_app_and_its_packages_are_published_precompiled()
    {
        string[] assemblies = [$"{typeof(Program).Assembly.GetName().Name}.dll", "Microsoft.EntityFrameworkCore.dll", "Hangfire.Core.dll"];
        foreach (var assembly in assemblies)
        {
            using var image = new PEReader(File.OpenRead(Path.Combine(published.Directory, assembly)));
            // A ReadyToRun image points at its native code from the CLI header; an IL-only one does not.
            Assert.True(image.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} is IL only: it would be JIT-compiled at start-up");
        }
    }

    [Fact]
    public async Task The_sandbox_runs_as_uid_1654_with_only_tmp_writable()
    {
        await using var sandbox = Container.Start(published.Directory, ["sh", "-c", "id -u; touch /tmp/ok && echo tmp writable; touch ./x || echo app read-only"], new Dictionary<string, string>());

        Assert.Equal(0, await sandbox.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(["1654", "tmp writable", "app read-only"], sandbox.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Web_pod_migrates_in_its_init_container_serves_readyz_and_exits_0_on_sigterm_within_its_grace_period()
    {
        var migrate = _web.InitContainers.Single();
        await using (var init = Container.Start(published.Directory, Command(migrate), Environment(migrate)))
        {
            Assert.True(await init.WaitForExitAsync(StartTimeout) == 0, init.Stdout + init.Stderr);
            Assert.Matches(@"(?m)^Applied [0-9]{14}_Initial$", init.Stdout);
        }

        var container = _web.Containers.Single(c => c.Name == "web");
        await using var web = Container.Start(published.Directory, Command(container), Environment(container));
        await web.WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{_httpPort}{ManagementEndpoints.Readiness}"), StartTimeout);
        using (var http = new HttpClient())
        {
            var home = await http.GetAsync(new Uri($"http://127.0.0.1:{_httpPort}/"), TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.OK, home.StatusCode);
        }

        var grace = TimeSpan.FromSeconds(_web.TerminationGracePeriodSeconds!.Value);
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, await Container.TerminateAsync(web, grace));
        Assert.True(clock.Elapsed < grace, $"took {clock.Elapsed}");
        Assert.DoesNotContain("   at ", web.Stdout + web.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("web")]
    public async Task An_empty_database_secret_stops_the_pod_at_once_with_one_line_naming_it(string role)
    {
        var container = role == "migrate" ? _web.InitContainers.Single() : _web.Containers.Single();
        var environment = new Dictionary<string, string>(Environment(container)) { ["ConnectionStrings__Postgres"] = "" };
        var clock = Stopwatch.StartNew();

        await using var pod = Container.Start(published.Directory, Command(container), environment);

        Assert.Equal(1, await pod.WaitForExitAsync(StartTimeout));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        var line = Assert.Single(pod.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ConnectionStrings:Postgres is required", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", pod.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_config_map_value_stops_the_pod_with_one_line_naming_the_key_not_a_crash()
    {
        var container = _web.Containers.Single();
        var environment = Environment(container);
        Assert.True(environment.Remove("Database__Provider"));

        await using var pod = Container.Start(published.Directory, Command(container), environment);

        Assert.Equal(1, await pod.WaitForExitAsync(StartTimeout));
        var line = Assert.Single(pod.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches("^error: Database:DataDirectory '.*' cannot be created .*Database:Provider", line);
        Assert.DoesNotContain("   at ", pod.Stdout, StringComparison.Ordinal);
    }

    private IEnumerable<string> Command(V1Container container) => [.. published.Dockerfile.Entrypoint, .. container.Args];

    /// <summary>
    /// The container's environment from the overlay, on top of the image's. Two substitutions only: secret
    /// values point at the test services, and the ports are free ones (a pod has its own network; here the
    /// host's is shared).
    /// </summary>
    private Dictionary<string, string> Environment(V1Container container)
    {
        var testSecrets = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = _database.ConnectionString,
            ["Redis__Configuration"] = TestServices.Redis,
        };
        var environment = new Dictionary<string, string>(Container.BaseImageEnvironment);
        foreach (var (key, value) in published.Dockerfile.Environment)
        {
            environment[key] = value;
        }

        foreach (var (key, value) in ContainerEnvironment.Of(container, _production))
        {
            environment[key] = value;
        }

        foreach (var key in ContainerEnvironment.SecretKeys(container, _production))
        {
            Assert.True(testSecrets.ContainsKey(key), $"{key} is a new secret: give it a test value here");
            environment[key] = testSecrets[key];
        }

        Assert.Equal("8080", environment["ASPNETCORE_HTTP_PORTS"]);
        environment["ASPNETCORE_HTTP_PORTS"] = $"{_httpPort}";
        environment["Observability__ManagementPort"] = $"{TestServices.FreeTcpPort()}";
        return environment;
    }
}

