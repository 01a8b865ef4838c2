using System.Globalization;
using Monolith.Web.Data;

/// <summary>Prints one provider's cases side by side for the small and the large table, with the ratios.</summary>
internal static class Report
{
    public static void Print(DatabaseProvider provider, int[] sizes, IReadOnlyDictionary<int, IReadOnlyList<CaseResult>> results)
    {
        var (small, large) = (sizes[0], sizes[1]);
        Console.WriteLine();
        Console.WriteLine($"{provider}:");
        Console.WriteLine($"| case | {small:N0} rows: median / p95 | SQL | KiB/req | {large:N0} rows: median / p95 | SQL | KiB/req | {large:N0} / {small:N0} (median) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        for (var i = 0; i < results[large].Count; i++)
        {
            var (s, l) = (results[small][i], results[large][i]);
            Console.WriteLine(Invariant($"| {l.Name} | {s.Median:0.0} / {s.P95:0.0} ms | {s.CommandsPerRequest:0.#} | {s.KibPerRequest:0} | {l.Median:0.0} / {l.P95:0.0} ms | {l.CommandsPerRequest:0.#} | {l.KibPerRequest:0} | {l.Median / s.Median:0.00}x |"));
        }

        foreach (var rows in sizes)
        {
            var cases = results[rows];
            Console.WriteLine(Invariant($"{provider}, {rows:N0} rows: last page / first page (median) = {Find(cases, "last page").Median / Find(cases, "first page").Median:0.00}x"));
        }
    }

    private static CaseResult Find(IReadOnlyList<CaseResult> cases, string name) => cases.Single(c => c.Name == name);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
