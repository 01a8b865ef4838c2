using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Monolith.Web.Data;
using Npgsql;

namespace Monolith.Web.Jobs;

/// <summary>Installs or upgrades Hangfire's PostgreSQL schema as part of migrating (in-memory storage needs none).</summary>
internal sealed class JobSchemaSetup(IOptions<DatabaseOptions> database, IConfiguration configuration) : IDatabaseSetupStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (database.Value.ProviderKind != DatabaseProvider.Postgres)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(ConnectionStrings.ForPostgres(configuration));
        await connection.OpenAsync(cancellationToken);
        PostgreSqlObjectsInstaller.Install(connection, JobStorageFactory.PostgresSchema);
    }
}
