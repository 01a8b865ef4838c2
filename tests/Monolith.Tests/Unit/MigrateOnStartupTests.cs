using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.FileProviders;
using Monolith.Web.Data;

namespace Monolith.Tests.Unit;

public sealed class MigrateOnStartupTests
{
    [Theory]
    [InlineData("Sqlite", "Production", null, true)]
    [InlineData("Sqlite", "Development", null, true)]
    [InlineData("Postgres", "Development", null, true)]
    [InlineData("Postgres", "Production", null, false)]
    [InlineData("Postgres", "Production", true, true)]
    [InlineData("Sqlite", "Production", false, false)]
    public void Default_depends_on_provider_and_environment_and_an_explicit_value_wins(
        string provider, string environment, bool? configured, bool expected)
    {
        var options = new DatabaseOptions { Provider = provider, MigrateOnStartup = configured };

        Assert.Equal(expected, DatabaseStartup.ShouldMigrate(options, new Environment(environment)));
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Monolith.Web";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
