using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Options;
using Monolith.Web.Data;

namespace Monolith.Web.Jobs;

/// <summary>
/// Job storage follows the database: PostgreSQL (schema <c>hangfire</c>, durable, shared by every
/// pod) or, with SQLite, in-process memory — jobs survive no restart (see README, `check --deploy`).
/// </summary>
internal static class JobStorageFactory
{
    public const string PostgresSchema = "hangfire";

    public static JobStorage Create(IServiceProvider services)
    {
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var jobs = services.GetRequiredService<IOptions<JobsOptions>>().Value;
        if (database.ProviderKind != DatabaseProvider.Postgres)
        {
            return new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromDays(1) });
        }

        var connectionString = ConnectionStrings.ForPostgres(services.GetRequiredService<IConfiguration>());
        return new PostgreSqlStorage(
            new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions()),
            new PostgreSqlStorageOptions
            {
                SchemaName = PostgresSchema,
                // Installed by `migrate` (JobSchemaSetup): building the app never connects to the database.
                PrepareSchemaIfNecessary = false,
                // LISTEN/NOTIFY: workers pick a new job up at once instead of at the next poll.
                EnableLongPolling = true,
                QueuePollInterval = TimeSpan.FromSeconds(5),
                // A running job keeps extending its fetch; only a vanished worker's job becomes visible again.
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = TimeSpan.FromSeconds(jobs.InvisibilityTimeoutSeconds),
            });
    }
}
