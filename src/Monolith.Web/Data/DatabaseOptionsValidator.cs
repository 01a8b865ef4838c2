using Microsoft.Extensions.Options;
using Npgsql;

namespace Monolith.Web.Data;

internal sealed class DatabaseOptionsValidator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!Enum.TryParse<DatabaseProvider>(options.Provider, ignoreCase: true, out var provider)
            || !Enum.IsDefined(provider))
        {
            return ValidateOptionsResult.Fail(
                $"Database:Provider must be Sqlite or Postgres, not '{options.Provider}'.");
        }

        if (options.ConnectTimeoutSeconds is < 1 or > 600)
        {
            return ValidateOptionsResult.Fail("Database:ConnectTimeoutSeconds must be between 1 and 600.");
        }

        return provider == DatabaseProvider.Postgres
            ? ValidatePostgres(configuration.GetConnectionString(ConnectionStrings.Postgres))
            : ValidateSqlite(options);
    }

    private static ValidateOptionsResult ValidatePostgres(string? connectionString)
    {
        const string key = "ConnectionStrings:Postgres";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return ValidateOptionsResult.Fail($"{key} is required when Database:Provider is Postgres.");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host)
                ? ValidateOptionsResult.Fail($"{key} has no Host.")
                : ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return ValidateOptionsResult.Fail($"{key} is malformed: {e.Message}");
        }
    }

    private static ValidateOptionsResult ValidateSqlite(DatabaseOptions options) =>
        string.IsNullOrWhiteSpace(options.DataDirectory)
            ? ValidateOptionsResult.Fail("Database:DataDirectory must not be empty.")
            : ValidateOptionsResult.Success;
}
