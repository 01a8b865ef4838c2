using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Areas.Admin.History;
using Monolith.Web.Data;
using Monolith.Web.Jobs;

namespace Monolith.Tests.Integration.Jobs;

public sealed class PurgeOldDataJobTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Rows_older_than_the_retention_are_deleted_and_newer_ones_kept(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var app = new AppFactory(new Dictionary<string, string?>(database.Settings)
        {
            ["Jobs:RetentionDays"] = "30",
            ["Jobs:Schedules:heartbeat"] = "-",
            ["Jobs:Schedules:purge-old-data"] = "-",
        });
        var now = DateTimeOffset.UtcNow;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.AddRange(
                Audit("old", now.AddDays(-40)), Audit("recent", now.AddDays(-1)),
                new JobHeartbeat { Name = "purge-old", Host = "h", LastRunAt = now.AddDays(-40) },
                new JobHeartbeat { Name = "purge-recent", Host = "h", LastRunAt = now.AddDays(-1) },
                Key("expired-long-ago", now.AddDays(-40)), Key("still-valid", now.AddDays(10)));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);

            await ActivatorUtilities.CreateInstance<PurgeOldDataJob>(scope.ServiceProvider).ExecuteAsync(TestContext.Current.CancellationToken);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var ct = TestContext.Current.CancellationToken;
            Assert.Equal(["recent"], await db.Set<AuditEntry>().Where(e => e.EntityType == "PurgeTest").Select(e => e.EntityKey).ToListAsync(ct));
            Assert.Equal(["purge-recent"], await db.Set<JobHeartbeat>().Where(h => h.Name.StartsWith("purge-")).Select(h => h.Name).ToListAsync(ct));
            Assert.Equal(["still-valid"], await db.DataProtectionKeys.Where(k => k.FriendlyName == "expired-long-ago" || k.FriendlyName == "still-valid").Select(k => k.FriendlyName).ToListAsync(ct));
        }
    }

    private static AuditEntry Audit(string key, DateTimeOffset at) => new()
    {
        At = at.UtcDateTime,
        UserName = "system",
        EntityType = "PurgeTest",
        EntityKey = key,
        Action = AuditAction.Created,
    };

    private static DataProtectionKey Key(string name, DateTimeOffset expires) => new()
    {
        FriendlyName = name,
        Xml = $"<key id=\"{Guid.NewGuid()}\" version=\"1\"><creationDate>{expires.AddDays(-90):O}</creationDate><activationDate>{expires.AddDays(-90):O}</activationDate><expirationDate>{expires:O}</expirationDate></key>",
    };
}
