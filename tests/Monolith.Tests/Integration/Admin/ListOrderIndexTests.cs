using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Tests.Infrastructure;
using Monolith.Web.Data;
using Monolith.Web.Features.Projects;

namespace Monolith.Tests.Integration.Admin;

/// <summary>
/// The Projects and user table lists in their default order (newest first) and oldest first are read from an index, not sorted
/// whole: what keeps a page of 100,000 rows as cheap as a page of 1,000 (bench/admin measures it).
/// </summary>
public abstract class ListOrderIndexTests<TApp>(TApp fixture) : IClassFixture<TApp>
    where TApp : ListPlanApp
{
    private readonly CancellationToken _cancel = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("project", "")]
    [InlineData("project", "?sort=CreatedAt")]
    [InlineData("project", "?sort=-CreatedAt&page=2&size=1")]
    [InlineData("appuser", "")]
    [InlineData("appuser", "?sort=CreatedAt")]
    public async Task The_page_query_reads_the_created_at_index_instead_of_sorting(string model, string query)
    {
        await SeedAsync();
        using var admin = fixture.Client(TestAuthentication.Admin());

        var table = model == "project" ? "Projects" : "AspNetUsers";
        await admin.GetStringAsync($"/admin/data/{model}{query}", _cancel);
        var plan = await PlanAsync(fixture.LastPageQueryOn(table) ?? throw new InvalidOperationException($"No page query on {table} ran."));

        Assert.Contains($"IX_{table}_CreatedAt_Id", plan, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Database.Provider == DatabaseProvider.Postgres ? "Sort" : "TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Projects_created_at_the_same_moment_keep_one_order_in_both_directions()
    {
        var (first, second) = await SeedAsync();
        using var admin = fixture.Client(TestAuthentication.Admin());

        var newest = await admin.GetStringAsync("/admin/data/project?sort=-CreatedAt", _cancel);
        var oldest = await admin.GetStringAsync("/admin/data/project?sort=CreatedAt", _cancel);

        Assert.True(newest.IndexOf(second, StringComparison.Ordinal) < newest.IndexOf(first, StringComparison.Ordinal));
        Assert.True(oldest.IndexOf(first, StringComparison.Ordinal) < oldest.IndexOf(second, StringComparison.Ordinal));
    }

    /// <summary>Two projects created at the same moment (the second has the higher key), returned by name.</summary>
    private async Task<(string First, string Second)> SeedAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var owner = new AppUser { UserName = $"owner-{suffix}@example.com", Email = $"owner-{suffix}@example.com" };
        var at = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Random.Shared.Next(1_000_000));
        db.Users.Add(owner);
        db.Add(new Project { Name = $"tie-a-{suffix}", OwnerId = owner.Id, CreatedAt = at, UpdatedAt = at });
        await db.SaveChangesAsync(_cancel);
        db.Add(new Project { Name = $"tie-b-{suffix}", OwnerId = owner.Id, CreatedAt = at, UpdatedAt = at });
        await db.SaveChangesAsync(_cancel);
        return ($"tie-a-{suffix}", $"tie-b-{suffix}");
    }

    /// <summary>The database's plan for the command; sorting is priced out on PostgreSQL, so a Sort node means no index fits the order.</summary>
    private async Task<string> PlanAsync(RecordedCommand command)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetDbConnection();
        await connection.OpenAsync(_cancel);
        var postgres = fixture.Database.Provider == DatabaseProvider.Postgres;
        await using var transaction = await connection.BeginTransactionAsync(_cancel); // rolled back: the setting stays local
        if (postgres)
        {
            await using var noSort = connection.CreateCommand();
            noSort.Transaction = transaction;
            noSort.CommandText = "SET LOCAL enable_sort = off";
            await noSort.ExecuteNonQueryAsync(_cancel);
        }

        await using var explain = connection.CreateCommand();
        explain.Transaction = transaction;
        explain.CommandText = (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + command.Text;
        foreach (var (name, value) in command.Parameters)
        {
            var parameter = explain.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            explain.Parameters.Add(parameter);
        }

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(_cancel);
        while (await reader.ReadAsync(_cancel))
        {
            lines.Add(reader.GetValue(reader.FieldCount - 1).ToString()!);
        }

        return string.Join('\n', lines);
    }
}

public sealed record RecordedCommand(string Text, IReadOnlyList<(string Name, object? Value)> Parameters);

/// <summary>The admin app that also keeps the last ordered query it ran on each table (a list page's query).</summary>
public abstract partial class ListPlanApp(DatabaseProvider provider) : AdminApp(provider)
{
    private readonly PageQueryRecorder _recorder = new();

    public RecordedCommand? LastPageQueryOn(string table) => _recorder.Last.GetValueOrDefault(table);

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<IInterceptor>(_recorder);
    }

    private sealed partial class PageQueryRecorder : DbCommandInterceptor
    {
        public ConcurrentDictionary<string, RecordedCommand> Last { get; } = new();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("ORDER BY", StringComparison.Ordinal) && FirstTable().Match(command.CommandText) is { Success: true } from)
            {
                Last[from.Groups[1].Value] = new(command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))]);
            }

            return ValueTask.FromResult(result);
        }

        [GeneratedRegex("FROM \"(\\w+)\"")]
        private static partial Regex FirstTable();
    }
}

public sealed class SqliteListPlanApp() : ListPlanApp(DatabaseProvider.Sqlite);

public sealed class PostgresListPlanApp() : ListPlanApp(DatabaseProvider.Postgres);

public sealed class SqliteListOrderIndexTests(SqliteListPlanApp fixture) : ListOrderIndexTests<SqliteListPlanApp>(fixture);

public sealed class PostgresListOrderIndexTests(PostgresListPlanApp fixture) : ListOrderIndexTests<PostgresListPlanApp>(fixture);
