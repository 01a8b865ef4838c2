using Monolith.Web.Jobs;
using Monolith.Tests.Integration.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Caching.Hybrid;
using Hangfire;
using Map = System.Collections.Generic.Dictionary<object, object>;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monolith.Testing;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Monolith.Tests.Integration.Observability;

/// <summary>
/// k8s/components/monitoring rendered by kustomize with a Deployment of the app's shape, its PromQL
/// checked by promtool, and every app metric it names checked against what the app really exports.
/// </summary>
public sealed partial class MonitoringComponentTests
{
    /// <summary>Metrics that other programs export: kube-state-metrics, cert-manager, Prometheus itself.</summary>
    private static readonly string[] ExternalPrefixes = ["kube_", "certmanager_"];
    private static readonly string[] ExternalNames = ["up"];

    /// <summary>
    /// Metrics of batteries whose meters may not be in this build yet. Once any metric of such a family
    /// is exported, every name the rules and dashboard use from it must be exported too.
    /// </summary>
    private static readonly string[] BatteryFamilies = ["app_cache_", "app_jobs_"];

    private static readonly string RepositoryRoot = Path.GetFullPath(Path.Combine(TestServices.AppProjectDirectory, "..", ".."));
    private static readonly string Component = Path.Combine(RepositoryRoot, "k8s", "components", "monitoring");

    [Fact]
    public async Task Component_adds_a_pod_monitor_rules_a_labelled_dashboard_and_scrape_annotations()
    {
        var documents = await RenderAsync();

        var podMonitor = Single(documents, "PodMonitor");
        var endpoint = (Map)List(Map(podMonitor["spec"])["podMetricsEndpoints"])[0];
        Assert.Equal("management", endpoint["port"]);
        Assert.Equal("/metrics", endpoint["path"]);
        Single(documents, "PrometheusRule");
        var dashboard = Single(documents, "ConfigMap");
        Assert.Equal("1", Map(Map(dashboard["metadata"])["labels"])["grafana_dashboard"]);
        var deployment = Single(documents, "Deployment");
        var annotations = Map(Map(Map(Map(deployment["spec"])["template"])["metadata"])["annotations"]);
        Assert.Equal("true", annotations["prometheus.io/scrape"]);
        Assert.Equal("9090", annotations["prometheus.io/port"]);
        Assert.Equal("/metrics", annotations["prometheus.io/path"]);
    }

    [Fact]
    public async Task Alert_rules_and_dashboard_queries_pass_promtool_and_every_alert_is_in_the_runbook()
    {
        var documents = await RenderAsync();
        var folder = Directory.CreateTempSubdirectory("promtool-").FullName;
        try
        {
            var rules = Path.Combine(folder, "rules.yaml");
            await File.WriteAllTextAsync(rules, new SerializerBuilder().Build().Serialize(Single(documents, "PrometheusRule")["spec"]), TestContext.Current.CancellationToken);
            var dashboardQueries = Path.Combine(folder, "dashboard.yaml");
            await File.WriteAllTextAsync(dashboardQueries, AsRecordingRules(DashboardQueries(documents)), TestContext.Current.CancellationToken);

            var output = await ExternalCommand.RunAsync("promtool", "check", "rules", rules, dashboardQueries);

            Assert.Contains($"SUCCESS: {AlertNames(documents).Count} rules found", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, "README.md"), TestContext.Current.CancellationToken);
        Assert.All(AlertNames(documents), alert => Assert.Contains($"`{alert}`", readme, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_app_metric_named_by_the_rules_and_dashboard_is_one_the_app_exports()
    {
        var documents = await RenderAsync();
        var referenced = AlertQueries(documents).Concat(DashboardQueries(documents))
            .SelectMany(query => MetricSelector().Matches(query).Select(match => match.Groups["name"].Value))
            .Where(name => !ExternalNames.Contains(name) && !ExternalPrefixes.Any(name.StartsWith))
            .ToHashSet();
        var exported = await ExportedMetricNamesAsync();

        Assert.Contains("http_server_request_duration_seconds_bucket", referenced);
        var missing = referenced
            .Where(name => !exported.Contains(name))
            .Where(name => BatteryFamilies.FirstOrDefault(name.StartsWith) is not { } family || exported.Any(e => e.StartsWith(family, StringComparison.Ordinal)))
            .ToList();
        Assert.True(missing.Count == 0, $"Not exported by the app: {string.Join(", ", missing)}");
    }

    private static async Task<HashSet<string>> ExportedMetricNamesAsync()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        await using var app = new AppFactory(new Dictionary<string, string?>(database.Settings) { ["Jobs:RetryAttempts"] = "0" });
        var client = app.CreateBrowserLikeClient();
        foreach (var path in new[] { "/", "/", "/no-such-page" })
        {
            (await client.GetAsync(path, TestContext.Current.CancellationToken)).Dispose();
        }

        // Exercise the batteries' own meters: a cache miss then a hit, a job that succeeds and one that fails.
        var cache = app.Services.GetRequiredService<HybridCache>();
        for (var i = 0; i < 2; i++)
        {
            await cache.GetOrCreateAsync("metrics-test", _ => ValueTask.FromResult(42), cancellationToken: TestContext.Current.CancellationToken);
        }

        var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();
        jobs.Enqueue<HeartbeatJob>(job => job.ExecuteAsync("metrics-test", CancellationToken.None));
        jobs.Enqueue<AlwaysFailingJob>(job => job.ExecuteAsync("metrics-test", CancellationToken.None));
        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        for (var waited = 0; (monitoring.SucceededListCount() == 0 || monitoring.FailedCount() == 0) && waited < 300; waited++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var metrics = await app.CreateManagementClient().GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        return metrics.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split('{', ' ')[0])
            .ToHashSet();
    }

    private static async Task<List<Map>> RenderAsync()
    {
        var folder = Directory.CreateTempSubdirectory("kustomize-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "deployment.yaml"), AppDeployment, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, "kustomization.yaml"), $"""
                resources: [deployment.yaml]
                components: [{Path.GetRelativePath(folder, Component)}]
                namespace: shop
                """, TestContext.Current.CancellationToken);
            return LoadAll(await ExternalCommand.RunAsync("kubectl", "kustomize", folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The shape k8s/base gives the app's pods: the labels and the named management port the component relies on.
    private const string AppDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: monoapp-web
          labels: {app.kubernetes.io/name: monoapp, app.kubernetes.io/component: web}
        spec:
          selector: {matchLabels: {app.kubernetes.io/name: monoapp, app.kubernetes.io/component: web}}
          template:
            metadata: {labels: {app.kubernetes.io/name: monoapp, app.kubernetes.io/component: web}}
            spec:
              containers:
                - {name: web, image: app, ports: [{name: http, containerPort: 8080}, {name: management, containerPort: 9090}]}
        """;

    private static List<Map> LoadAll(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var documents = new List<Map>();
        while (parser.Accept<DocumentStart>(out _))
        {
            documents.Add(deserializer.Deserialize<Map>(parser));
        }

        return documents;
    }

    private static IEnumerable<Map> Rules(List<Map> documents) =>
        List(Map(Single(documents, "PrometheusRule")["spec"])["groups"])
            .SelectMany(group => List(Map(group)["rules"]).Select(Map));

    private static List<string> AlertNames(List<Map> documents) =>
        [.. Rules(documents).Select(rule => (string)rule["alert"])];

    private static IEnumerable<string> AlertQueries(List<Map> documents) =>
        Rules(documents).Select(rule => (string)rule["expr"]);

    private static List<string> DashboardQueries(List<Map> documents)
    {
        var json = (string)Map(Single(documents, "ConfigMap")["data"]).Values.Single();
        return [.. JsonDocument.Parse(json).RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!)];
    }

    // Grafana's range variable becomes a fixed range so that promtool can parse the query.
    private static string AsRecordingRules(IEnumerable<string> queries) =>
        new SerializerBuilder().Build().Serialize(new Dictionary<string, object>
        {
            ["groups"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["name"] = "dashboard",
                    ["rules"] = queries.Select((query, i) => new Dictionary<string, string>
                    {
                        ["record"] = $"dashboard:query{i}",
                        ["expr"] = query.Replace("$__rate_interval", "5m", StringComparison.Ordinal),
                    }).ToList(),
                },
            },
        });

    private static Map Single(List<Map> documents, string kind) => Assert.Single(documents, d => (string)d["kind"] == kind);

    private static Map Map(object? node) => Assert.IsType<Map>(node);

    private static List<object> List(object? node) => Assert.IsType<List<object>>(node);

    // Rules and dashboard write every metric with a selector ({…}), which is how they are found here.
    [GeneratedRegex(@"(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{")]
    private static partial Regex MetricSelector();
}
