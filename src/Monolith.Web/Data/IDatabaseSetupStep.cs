namespace Monolith.Web.Data;

/// <summary>
/// Schema that is not EF Core's (a library's own tables) set up by <c>migrate</c> and migrate-on-start-up,
/// under the same lock as the migrations, so that serving never needs DDL rights.
/// </summary>
public interface IDatabaseSetupStep
{
    Task RunAsync(CancellationToken cancellationToken);
}
