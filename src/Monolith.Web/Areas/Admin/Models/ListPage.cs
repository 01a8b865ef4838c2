namespace Monolith.Web.Areas.Admin.Models;

public sealed record ListPage(
    ModelAdmin Admin,
    ListRequest Request,
    IReadOnlyList<AdminField> Columns,
    IReadOnlyList<ListRow> Rows,
    int Total,
    IReadOnlyList<FilterChoices> Filters,
    bool Searchable)
{
    public int PageCount => Math.Max(1, (Total + Request.Size - 1) / Request.Size);
}

public sealed record ListRow(string Key, IReadOnlyList<object?> Values);

public sealed record FilterChoices(string Path, string Label, IReadOnlyList<FilterChoice> Choices);

public sealed record FilterChoice(string Value, string Label);
