using System.Globalization;

namespace Monolith.Web.Features.Projects;

/// <summary>Projects as RFC 4180 CSV that is safe to open in a spreadsheet.</summary>
public static class ProjectCsv
{
    private static readonly string[] Header = ["Name", "Status", "Description", "Created (UTC)", "Updated (UTC)"];

    public static async Task WriteAsync(TextWriter writer, IEnumerable<Project> projects, CancellationToken cancellationToken)
    {
        writer.NewLine = "\r\n";
        await writer.WriteLineAsync(Row(Header));
        foreach (var project in projects)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(Row(
                project.Name,
                project.Status.ToString(),
                project.Description,
                Timestamp(project.CreatedAt),
                Timestamp(project.UpdatedAt)));
        }
    }

    /// <summary>
    /// One quoted cell. A value a spreadsheet would run as a formula (starting with = + - @, tab or
    /// carriage return) gets a leading apostrophe, so it shows as text (OWASP "CSV injection").
    /// </summary>
    public static string Cell(string? value)
    {
        value ??= "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string Row(params string?[] values) => string.Join(',', values.Select(Cell));

    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
