using Monolith.Web.Features.Projects;

namespace Monolith.Tests.Unit;

public sealed class ProjectCsvTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("", "\"\"")]
    [InlineData(null, "\"\"")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-1", "\"'-1\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("a=b", "\"a=b\"")]
    public void Cells_are_quoted_and_formulas_neutralised(string? value, string expected) =>
        Assert.Equal(expected, ProjectCsv.Cell(value));

    [Fact]
    public async Task Writes_a_header_and_one_crlf_terminated_row_per_project()
    {
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        var project = new Project { OwnerId = "u", Name = "Launch", Description = null, Status = ProjectStatus.Active, CreatedAt = at, UpdatedAt = at };
        using var writer = new StringWriter();

        await ProjectCsv.WriteAsync(writer, [project], TestContext.Current.CancellationToken);

        Assert.Equal(
            "\"Name\",\"Status\",\"Description\",\"Created (UTC)\",\"Updated (UTC)\"\r\n"
            + "\"Launch\",\"Active\",\"\",\"2026-01-02 01:04:05\",\"2026-01-02 01:04:05\"\r\n",
            writer.ToString());
    }
}
