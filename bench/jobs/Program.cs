using System.Diagnostics;
using Hangfire;
using Hangfire.States;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Jobs benchmark: enqueue latency of a request that enqueues a job (web role), then the throughput
// of one worker draining the queue of no-op jobs, both through the real PostgreSQL storage.
internal static class JobsBenchmark
{
    public static async Task Main()
    {
        var server = Environment.GetEnvironmentVariable("BENCH_POSTGRES")
            ?? throw new InvalidOperationException("BENCH_POSTGRES is not set (run bench/jobs/run.sh).");
        var jobs = int.Parse(Environment.GetEnvironmentVariable("JOBS") ?? "5000", System.Globalization.CultureInfo.InvariantCulture);
        var database = new NpgsqlConnectionStringBuilder(server) { Database = $"bench_jobs_{Environment.ProcessId}" }.ToString();

        await using (var web = new Host(database, "web"))
        {
            using var client = web.CreateClient();
            var latencies = new List<double>(jobs);
            for (var i = 0; i < jobs; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsync(new Uri("/bench/enqueue", UriKind.Relative), null);
                response.EnsureSuccessStatusCode();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            latencies.Sort();
            Console.WriteLine($"enqueue from a request ({jobs} requests): p50 {Percentile(latencies, 0.50):0.00} ms, p99 {Percentile(latencies, 0.99):0.00} ms");
        }

        await using (var worker = new Host(database, "worker"))
        {
            var monitoring = worker.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
            var clock = Stopwatch.StartNew();
            while (monitoring.SucceededListCount() < jobs)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(10))
                {
                    throw new TimeoutException($"only {monitoring.SucceededListCount()} of {jobs} jobs done after 10 minutes");
                }

                await Task.Delay(50);
            }

            Console.WriteLine($"one worker process ({Environment.GetEnvironmentVariable("Jobs__Workers__default") ?? "4"} threads on the default queue): {jobs} no-op jobs in {clock.Elapsed.TotalSeconds:0.0} s = {jobs / clock.Elapsed.TotalSeconds:0} jobs/s");
        }

        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(database).Database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
}

/// <summary>The app in process with a role, on the benchmark database, plus an endpoint that enqueues a no-op job.</summary>
internal sealed class Host(string database, string role) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("ConnectionStrings:Postgres", database);
        builder.UseSetting("App:Role", role);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Warning");
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, EnqueueEndpoint>());
    }
}

internal sealed class EnqueueEndpoint : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Map("/bench/enqueue", branch => branch.Run(context =>
        {
            context.RequestServices.GetRequiredService<IBackgroundJobClient>()
                .Enqueue<NoopJob>(job => job.ExecuteAsync(CancellationToken.None));
            return Task.CompletedTask;
        }));
        next(app);
    };
}

#pragma warning disable CA1822 // Hangfire calls instance methods of jobs resolved from DI
internal sealed class NoopJob
{
    public Task ExecuteAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
#pragma warning restore CA1822
