namespace Monolith.Web.Areas.Admin.Models;

/// <summary>
/// A list page as the query string asks for it: <c>q</c> (search), <c>sort</c> (<c>Name</c> or <c>-Name</c>),
/// <c>page</c>, <c>size</c> and one <c>f.Path=value</c> per filter.
/// </summary>
public sealed record ListRequest(string? Search, string? Sort, int Page, int Size, IReadOnlyDictionary<string, string> Filters)
{
    public const string FilterPrefix = "f.";

    public static ListRequest From(IQueryCollection query, int defaultSize) => new(
        query["q"].ToString().Trim() is { Length: > 0 } q ? q : null,
        query["sort"].ToString() is { Length: > 0 } sort ? sort : null,
        int.TryParse(query["page"], out var page) ? page : query.ContainsKey("page") ? -1 : 1,
        int.TryParse(query["size"], out var size) ? size : query.ContainsKey("size") ? -1 : defaultSize,
        query.Where(p => p.Key.StartsWith(FilterPrefix, StringComparison.Ordinal) && p.Value.ToString().Length > 0)
            .ToDictionary(p => p.Key[FilterPrefix.Length..], p => p.Value.ToString(), StringComparer.Ordinal));

    /// <summary>The query string of this request with some values changed (null removes one).</summary>
    public Dictionary<string, string?> With(params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Search,
            ["sort"] = Sort,
            ["size"] = Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in Filters)
        {
            values[FilterPrefix + key] = value;
        }

        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }

        return values.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value);
    }
}

/// <summary>Why a list request was refused: answered with 400, the request names what it may not.</summary>
public sealed class BadListRequestException(string message) : Exception(message);
