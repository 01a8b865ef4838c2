using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;

namespace Monolith.Tests.Integration.Admin;

/// <summary>The app with test sign-in, Identity's user and role stores, a SQL command counter and no recurring jobs.</summary>
public abstract class AdminApp(DatabaseProvider provider) : AppFixture(provider)
{
    public CommandCounter Commands { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings(TestDatabase database) =>
        new Dictionary<string, string?>(database.Settings) { ["Jobs:Schedules:heartbeat"] = "-", ["Jobs:Schedules:purge-old-data"] = "-" };

    protected override void ConfigureServices(IServiceCollection services)
    {
        TestAuthentication.Register(services);
        if (!services.Any(s => s.ServiceType == typeof(UserManager<AppUser>)))
        {
            services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<AppDbContext>();
        }

        services.AddSingleton<IInterceptor>(Commands);
    }

    public HttpClient Client(string? user)
    {
        var client = App.CreateBrowserLikeClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add(TestAuthentication.Header, user);
        }

        return client;
    }
}

/// <summary>Counts the SQL commands the app runs (readers, scalars and non-queries).</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => _count;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }
}

public sealed class SqliteAdminApp() : AdminApp(DatabaseProvider.Sqlite);

public sealed class PostgresAdminApp() : AdminApp(DatabaseProvider.Postgres);
