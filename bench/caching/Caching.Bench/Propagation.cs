using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Caching.Hybrid;
using ZiggyCreatures.Caching.Fusion;

namespace Monolith.Bench.Caching;

/// <summary>
/// Invalidation latency between two processes: this one changes an entry, a child process (its own
/// app instance on the same Redis) reports when the backplane told it to drop its copy. Both read
/// the same monotonic clock, so the difference of timestamps is the propagation time.
/// </summary>
internal static class Propagation
{
    public static async Task<int> MeasureAsync(string redis, int count)
    {
        var prefix = $"bench{Guid.NewGuid():N}";
        using var listener = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(Propagation).Assembly.Location, "listen", redis, prefix },
            RedirectStandardOutput = true,
            RedirectStandardInput = true, // closed when this process ends, which ends the listener
            UseShellExecute = false,
        })!;
        await using var app = BenchApp.Build(redis, prefix);
        await app.StartAsync();
        var cache = app.Services.GetRequiredService<HybridCache>();
        if (await listener.StandardOutput.ReadLineAsync() != "ready")
        {
            throw new InvalidOperationException("listener did not start");
        }

        var latencies = new List<double>(count);
        for (var i = -50; i < count; i++) // the first 50 warm up
        {
            var sent = Stopwatch.GetTimestamp();
            await cache.SetAsync($"item:{i}", i);
            var line = await listener.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("listener exited");
            var parts = line.Split(' ');
            if (parts[0] != $"{prefix}:item:{i}")
            {
                throw new InvalidOperationException($"expected item:{i}, got {line}");
            }

            if (i >= 0)
            {
                latencies.Add(Stopwatch.GetElapsedTime(sent, long.Parse(parts[1], CultureInfo.InvariantCulture)).TotalMilliseconds);
            }
        }

        listener.StandardInput.Close();
        latencies.Sort();
        double Percentile(double p) => latencies[(int)Math.Ceiling(p / 100 * latencies.Count) - 1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"invalidations={count} p50={Percentile(50):F2}ms p90={Percentile(90):F2}ms p99={Percentile(99):F2}ms max={latencies[^1]:F2}ms"));
        return 0;
    }

    public static async Task<int> ListenAsync(string redis, string prefix)
    {
        await using var app = BenchApp.Build(redis, prefix);
        await app.StartAsync();
        var cache = app.Services.GetRequiredService<IFusionCache>();
        cache.Events.Backplane.MessageReceived += (_, e) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{e.Message.CacheKey} {Stopwatch.GetTimestamp()}"));
        await Task.Delay(1000); // the backplane subscription completes in the background
        Console.WriteLine("ready");
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
