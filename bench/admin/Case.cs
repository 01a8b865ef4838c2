using System.Diagnostics;

/// <summary>One list request, repeated: its query string and a text the page must show (so a clamped page or an error page does not pass).</summary>
internal sealed record Case(string Name, string Query, string Expected)
{
    private const int WarmUp = 3;

    public async Task<CaseResult> MeasureAsync(HttpClient client, int reps, SqlCommandCounter commands)
    {
        for (var i = 0; i < WarmUp; i++)
        {
            await RequestAsync(client);
        }

        var latencies = new List<double>(reps);
        var commandsBefore = commands.Count;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < reps; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await RequestAsync(client);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        latencies.Sort();
        return new CaseResult(
            Name, Percentile(latencies, 0.50), Percentile(latencies, 0.95),
            (double)(commands.Count - commandsBefore) / reps, allocated / 1024.0 / reps);
    }

    private async Task RequestAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri($"/admin/data/project?{Query}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !body.Contains(Expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{Name}: {(int)response.StatusCode} for ?{Query}, expected a page showing '{Expected}'.");
        }
    }

    // Nearest rank.
    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
}

internal sealed record CaseResult(string Name, double Median, double P95, double CommandsPerRequest, double KibPerRequest);
