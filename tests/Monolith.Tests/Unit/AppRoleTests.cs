using Microsoft.Extensions.Configuration;
using Monolith.Web;

namespace Monolith.Tests.Unit;

public sealed class AppRoleTests
{
    [Theory]
    [InlineData(null, AppRole.All)]
    [InlineData("worker", AppRole.Worker)]
    [InlineData("Web", AppRole.Web)]
    [InlineData("ALL", AppRole.All)]
    public void Role_is_read_case_insensitively_with_all_as_default(string? value, AppRole expected) =>
        Assert.Equal(expected, AppRoles.Read(Configuration(value)));

    [Fact]
    public void Unknown_role_stops_start_up_naming_the_key() =>
        Assert.Equal(
            "App:Role must be web, worker or all, not 'cron'.",
            Assert.Throws<StartupException>(() => AppRoles.Read(Configuration("cron"))).Message);

    [Theory]
    [InlineData(AppRole.All, true, true)]
    [InlineData(AppRole.Web, true, false)]
    [InlineData(AppRole.Worker, false, true)]
    public void Roles_split_pages_from_jobs(AppRole role, bool servesPages, bool runsJobs)
    {
        Assert.Equal(servesPages, role.ServesPages());
        Assert.Equal(runsJobs, role.RunsJobs());
    }

    private static IConfiguration Configuration(string? role) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["App:Role"] = role }).Build();
}
