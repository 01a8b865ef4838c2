using Microsoft.Extensions.Configuration;
using Monolith.Web.Data;

namespace Monolith.Tests.Unit;

public sealed class DatabaseOptionsValidatorTests
{
    [Fact]
    public void Unknown_provider_names_the_key_and_the_value()
    {
        var result = Validate(new DatabaseOptions { Provider = "MySql" });

        Assert.Equal("Database:Provider must be Sqlite or Postgres, not 'MySql'.", Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("Sqlite")]
    public void Sqlite_is_valid_without_any_connection_string(string provider) =>
        Assert.True(Validate(new DatabaseOptions { Provider = provider }).Succeeded);

    [Fact]
    public void Postgres_without_a_connection_string_names_the_key() =>
        Assert.Equal(
            "ConnectionStrings:Postgres is required when Database:Provider is Postgres.",
            Assert.Single(Validate(new DatabaseOptions { Provider = "Postgres" }).Failures!));

    [Theory]
    [InlineData("Host=;Database=x")]
    [InlineData("Database=x")]
    public void Postgres_without_a_host_is_rejected(string connectionString) =>
        Assert.Equal(
            "ConnectionStrings:Postgres has no Host.",
            Assert.Single(Validate(new DatabaseOptions { Provider = "Postgres" }, connectionString).Failures!));

    [Fact]
    public void Malformed_postgres_connection_string_names_the_key()
    {
        var failure = Assert.Single(Validate(new DatabaseOptions { Provider = "Postgres" }, "Host=x;;=oops").Failures!);

        Assert.StartsWith("ConnectionStrings:Postgres is malformed:", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Well_formed_postgres_settings_are_valid() =>
        Assert.True(Validate(new DatabaseOptions { Provider = "postgres" }, "Host=db;Database=app;Username=app").Succeeded);

    [Theory]
    [InlineData(0)]
    [InlineData(601)]
    public void Connect_timeout_out_of_range_names_the_key(int seconds) =>
        Assert.Contains(
            "Database:ConnectTimeoutSeconds",
            Assert.Single(Validate(new DatabaseOptions { ConnectTimeoutSeconds = seconds }).Failures!),
            StringComparison.Ordinal);

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(
        DatabaseOptions options, string? postgres = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = postgres })
            .Build();
        return new DatabaseOptionsValidator(configuration).Validate(null, options);
    }
}
