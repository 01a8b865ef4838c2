using System.Diagnostics;
using System.Globalization;
using Monolith.Web.Data;

// Admin list pages: the Projects list of a 100,000-row table against a 1,000-row one, on PostgreSQL and
// SQLite, through the app's whole pipeline (routing, cookie sign-in, MVC, EF Core, Razor). Per case:
// median and p95 latency, SQL commands per request and bytes allocated per request.
internal static class AdminBenchmark
{
    private const int PageSize = 25;

    public static async Task Main()
    {
        var reps = Setting("REPS", 30);
        int[] sizes = [Setting("SMALL_ROWS", 1_000), Setting("ROWS", 100_000)];
        Console.WriteLine($"{reps} requests per case after 3 warm-up requests; page size {PageSize}; columns: median / p95 latency, SQL commands per request, KiB allocated per request");
        using var commands = new SqlCommandCounter();
        foreach (var provider in new[] { DatabaseProvider.Postgres, DatabaseProvider.Sqlite })
        {
            var results = new Dictionary<int, IReadOnlyList<CaseResult>>();
            foreach (var rows in sizes)
            {
                results[rows] = await MeasureAsync(provider, rows, reps, commands);
            }

            Report.Print(provider, sizes, results);
        }
    }

    private static async Task<IReadOnlyList<CaseResult>> MeasureAsync(DatabaseProvider provider, int rows, int reps, SqlCommandCounter commands)
    {
        await using var host = new AdminHost(provider, $"bench_admin_{Environment.ProcessId}_{rows}");
        var seeding = Stopwatch.StartNew();
        await host.SeedProjectsAsync(rows);
        var seeded = seeding.Elapsed;
        using var client = await host.SignedInAdminAsync();
        var lastPage = (rows + PageSize - 1) / PageSize;
        Case[] cases =
        [
            new("first page", "page=1", $"Page 1 of {lastPage}"),
            new("middle page", $"page={lastPage / 2}", $"Page {lastPage / 2} of {lastPage}"),
            new("last page", $"page={lastPage}", $"Page {lastPage} of {lastPage}"),
            new("search (name contains 42)", "q=42", "Page 1 of "),
            new("filter (status)", "f.Status=Active", "Page 1 of "),
            new("sort by name", "sort=Name", $"Page 1 of {lastPage}"),
        ];

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var results = new List<CaseResult>();
        foreach (var item in cases)
        {
            results.Add(await item.MeasureAsync(client, reps, commands));
        }

        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"{provider}, {rows:N0} rows (seeded in {seeded.TotalSeconds:0.0} s): managed heap {Mib(heapBefore)} before the cases, {Mib(heapAfter)} after ({Mib(heapAfter - heapBefore)} growth over {cases.Length * (reps + 3)} requests)");
        return results;
    }

    private static string Mib(long bytes) => $"{bytes / 1024.0 / 1024.0:0.0} MiB";

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
}
