using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;
using Monolith.Web.Features.Projects;
using Monolith.Web.Jobs;

namespace Monolith.Tests.Integration.Projects;

/// <summary>The recurring purge-old-data job deletes CSV exports whose link expired, file and row, and old files without a row.</summary>
public sealed class ExpiredExportsPurgeTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Exports_whose_link_expired_lose_their_file_and_row_and_current_ones_stay(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var app = new AppFactory(new Dictionary<string, string?>(database.Settings)
        {
            ["Exports:LinkLifetime"] = "1.00:00:00",
            ["Jobs:Schedules:heartbeat"] = "-",
            ["Jobs:Schedules:purge-old-data"] = "-",
        });
        var ct = TestContext.Current.CancellationToken;
        var now = DateTimeOffset.UtcNow;
        var expired = await ExportAsync(app, completedAt: now.AddDays(-2));
        var current = await ExportAsync(app, completedAt: now.AddHours(-1));
        var pending = await ExportAsync(app, completedAt: null);
        var files = app.Services.GetRequiredService<ExportFiles>();
        var oldOrphan = await OrphanFileAsync(files, writtenAt: now.AddDays(-2)); // e.g. its account was deleted
        var newOrphan = await OrphanFileAsync(files, writtenAt: now);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<PurgeOldDataJob>(scope.ServiceProvider).ExecuteAsync(ct);
        }

        Assert.False(File.Exists(files.PathFor(expired.FileId)));
        Assert.True(File.Exists(files.PathFor(current.FileId)));
        Assert.False(File.Exists(files.PathFor(oldOrphan)));
        Assert.True(File.Exists(files.PathFor(newOrphan)));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(
                new[] { current.OwnerId, pending.OwnerId }.Order(),
                (await db.ProjectExports.Select(e => e.OwnerId).ToListAsync(ct)).Order());
        }
    }

    private static async Task<Guid> OrphanFileAsync(ExportFiles files, DateTimeOffset writtenAt)
    {
        var fileId = Guid.NewGuid();
        await files.WriteAsync(fileId, [], TestContext.Current.CancellationToken);
        File.SetLastWriteTimeUtc(files.PathFor(fileId), writtenAt.UtcDateTime);
        return fileId;
    }

    /// <summary>A user's export row, and its file when it is complete.</summary>
    private static async Task<ProjectExport> ExportAsync(AppFactory app, DateTimeOffset? completedAt)
    {
        var user = await TestUsers.FindAsync(app.Services, await TestUsers.CreateAsync(app.Services));
        var export = new ProjectExport
        {
            OwnerId = user!.Id, FileId = Guid.NewGuid(), RequestedAt = completedAt ?? DateTimeOffset.UtcNow, CompletedAt = completedAt,
        };
        if (completedAt is not null)
        {
            await app.Services.GetRequiredService<ExportFiles>().WriteAsync(export.FileId, [], TestContext.Current.CancellationToken);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ProjectExports.Add(export);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return export;
    }
}
