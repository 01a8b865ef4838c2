using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Monolith.Web.Data;
using Monolith.Web.Features.Projects;

namespace Monolith.Tests.Unit;

/// <summary>The form's rules; the unique-name rule runs against a throwaway in-memory SQLite database.</summary>
public sealed class ProjectFormValidatorTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly SqliteAppDbContext _db;
    private readonly ProjectFormValidator _validator;
    private readonly int _existingId;

    public ProjectFormValidatorTests()
    {
        _connection.Open();
        _db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(_connection).Options);
        _db.Database.EnsureCreated();
        _db.Users.AddRange(new AppUser { Id = "alice" }, new AppUser { Id = "bob" });
        var existing = new Project { OwnerId = "alice", Name = "Website" };
        _db.Projects.Add(existing);
        _db.SaveChanges();
        _existingId = existing.Id;
        _validator = new ProjectFormValidator(_db);
    }

    [Theory]
    [InlineData("", "Enter a name.")]
    [InlineData("   ", "Enter a name.")]
    [InlineData(null, "Enter a name.")]
    public async Task A_name_is_required(string? name, string message) =>
        Assert.Equal([message], await ErrorsAsync(new ProjectForm { Name = name!, OwnerId = "alice" }));

    [Fact]
    public async Task Names_and_descriptions_have_a_maximum_length()
    {
        Assert.Empty(await ErrorsAsync(new ProjectForm { Name = new string('x', 100), Description = new string('y', 2000), OwnerId = "alice" }));
        Assert.Equal(
            ["Use at most 100 characters.", "Use at most 2000 characters."],
            await ErrorsAsync(new ProjectForm { Name = new string('x', 101), Description = new string('y', 2001), OwnerId = "alice" }));
    }

    [Fact]
    public async Task The_status_must_be_one_of_the_list() =>
        Assert.Equal(["Choose a status from the list."], await ErrorsAsync(new ProjectForm { Name = "New", Status = (ProjectStatus)99, OwnerId = "alice" }));

    [Theory]
    [InlineData("Website", "alice", false)]
    [InlineData("  wEbSiTe ", "alice", false)]
    [InlineData("Website", "bob", true)]
    [InlineData("Website 2", "alice", true)]
    public async Task A_name_is_unique_per_owner_ignoring_case(string name, string owner, bool valid) =>
        Assert.Equal(valid ? [] : [ProjectFormValidator.NameTaken], await ErrorsAsync(new ProjectForm { Name = name, OwnerId = owner }));

    [Fact]
    public async Task A_project_keeps_its_own_name_when_edited() =>
        Assert.Empty(await ErrorsAsync(new ProjectForm { Name = "WEBSITE", OwnerId = "alice", ProjectId = _existingId }));

    [Fact]
    public void The_form_trims_text_and_treats_a_blank_description_as_none()
    {
        var form = new ProjectForm { Name = "  Launch  ", Description = " \n " };

        Assert.Equal(("Launch", null), (form.Name, form.Description));
    }

    public void Dispose()
    {
        _db.Dispose();
        _connection.Dispose();
    }

    private async Task<List<string>> ErrorsAsync(ProjectForm form) =>
        [.. (await _validator.ValidateAsync(form, TestContext.Current.CancellationToken)).Errors.Select(e => e.ErrorMessage)];
}
