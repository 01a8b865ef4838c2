using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Monolith.Web.Observability;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Monolith.Web.Data;

public static class DatabaseRegistration
{
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        // The provider decides the context type, so it is read now; an invalid value registers
        // SQLite and is then reported by the options validator before anything starts.
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        Enum.TryParse<DatabaseProvider>(options.Provider, ignoreCase: true, out var provider);
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextPool<AppDbContext, PostgresAppDbContext>((sp, db) => ConfigureShared(sp, db.UseNpgsql(
                ConnectionStrings.ForPostgres(sp.GetRequiredService<IConfiguration>()), ConfigurePostgres)));
        }
        else
        {
            services.AddDbContextPool<AppDbContext, SqliteAppDbContext>((sp, db) => ConfigureShared(sp, db.UseSqlite(
                ConnectionStrings.ForSqlite(
                    sp.GetRequiredService<IConfiguration>(),
                    sp.GetRequiredService<IOptions<DatabaseOptions>>().Value,
                    sp.GetRequiredService<IHostEnvironment>().ContentRootPath))));
        }

        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService<DatabaseStartup>();
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: [HealthTags.Ready]);
        return builder;
    }

    // A failing command surfaces as an exception, logged once where it is handled. EF Core's own error
    // line would log it twice, and on a first migration it reports the expected missing history table.
    // Interceptors registered in DI (the audit history, for one) see every context; pooled contexts
    // build their options once, so interceptors are singletons.
    private static DbContextOptionsBuilder ConfigureShared(IServiceProvider services, DbContextOptionsBuilder db) =>
        db.ConfigureWarnings(warnings => warnings.Log((RelationalEventId.CommandError, LogLevel.Debug)))
            .AddInterceptors(services.GetServices<IInterceptor>());

    internal static void ConfigurePostgres(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.EnableRetryOnFailure(maxRetryCount: 3, maxRetryDelay: TimeSpan.FromSeconds(2), errorCodesToAdd: null);
}
