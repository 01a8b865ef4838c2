using Microsoft.EntityFrameworkCore;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Monolith.Web.Data;

/// <summary>
/// Waits for the database and applies migrations. A database-wide lock (EF Core's, and on PostgreSQL
/// a session lock held across the whole run) makes replicas starting together apply each migration once.
/// </summary>
public sealed class DatabaseMigrator(
    IServiceScopeFactory scopes, IOptions<DatabaseOptions> options)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(500);

    /// <summary>Host and database (never credentials), for messages.</summary>
    public string Target
    {
        get
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            return ConnectionStrings.Describe(options.Value.ProviderKind, db.Database.GetConnectionString()!);
        }
    }

    /// <summary>
    /// Retries while the server is unreachable (the database itself may not exist yet) until the timeout
    /// passes; an error the server answers with (a wrong password) fails at once.
    /// </summary>
    public async Task WaitForServerAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        Exception? lastError = null;
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                await using var connection = CreateConnection();
                await connection.OpenAsync(deadline.Token);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                return; // The server answers; the database is created by the first migration.
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                if (!IsTransient(e))
                {
                    throw new StartupException($"Database {Target} ({ConnectionKey}) refused: {OneLine(e)}", e);
                }

                lastError = e is OperationCanceledException ? lastError : e;
            }

            try
            {
                await Task.Delay(RetryPause, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new StartupException(
            $"Database {Target} ({ConnectionKey}) did not answer within {timeout.TotalSeconds:0} s: "
            + (lastError is null ? "no answer" : OneLine(lastError)),
            lastError);
    }

    // A plain connection, outside EF Core's retrying execution strategy, so each failure is seen here.
    private DbConnection CreateConnection()
    {
        using var scope = scopes.CreateScope();
        var connectionString = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetConnectionString();
        return options.Value.ProviderKind == DatabaseProvider.Postgres
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
    }

    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
    }

    /// <summary>Applies pending migrations and returns the ones this call found pending.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await CreateDatabaseIfMissingAsync(db, cancellationToken);
        await using var exclusive = await HoldMigrationLockAsync(db, cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        foreach (var step in scope.ServiceProvider.GetServices<IDatabaseSetupStep>())
        {
            await step.RunAsync(cancellationToken);
        }
        if (options.Value.ProviderKind == DatabaseProvider.Sqlite)
        {
            // Lets readers work while the web and job threads write.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        return pending;
    }

    // Npgsql's own migration lock is released when the first migration's transaction commits, so with
    // several pending migrations another replica could start on the second one too. A session-level
    // advisory lock on the connection EF Core then keeps using covers the whole run.
    private async Task<IAsyncDisposable> HoldMigrationLockAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (options.Value.ProviderKind != DatabaseProvider.Postgres)
        {
            return new ReleaseLock(db, unlock: false);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        return new ReleaseLock(db, unlock: true);
    }

    private const long MigrationLockKey = 7_305_846_119_220_531_001;

    private sealed class ReleaseLock(AppDbContext db, bool unlock) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (unlock)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})");
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    // EF Core's migration lock lives inside the database, so creating the database itself can race
    // between replicas: the loser of that race carries on with the database the winner created.
    private static async Task CreateDatabaseIfMissingAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
        }
    }

    private string ConnectionKey => options.Value.ProviderKind == DatabaseProvider.Postgres
        ? "ConnectionStrings:Postgres"
        : "ConnectionStrings:Sqlite";

    private static bool IsTransient(Exception e) =>
        e is OperationCanceledException or TimeoutException or NpgsqlException { IsTransient: true };

    internal static string OneLine(Exception e)
    {
        var innermost = e;
        while (innermost.InnerException is not null && innermost is not System.Data.Common.DbException)
        {
            innermost = innermost.InnerException;
        }

        return innermost.Message.ReplaceLineEndings(" ").Trim();
    }

    internal StartupException MigrationFailed(Exception error) =>
        new($"Migrating {Target} failed: {OneLine(error)}", error);
}
