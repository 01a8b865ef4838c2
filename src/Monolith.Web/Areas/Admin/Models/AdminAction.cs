using Monolith.Web.Data;

namespace Monolith.Web.Areas.Admin.Models;

/// <summary>
/// A bulk action on selected rows; it returns the message shown after it ran. Changes it makes are
/// saved by the admin afterwards (and audited). Built in: <see cref="Delete"/>, behind a confirmation page.
/// </summary>
public sealed record AdminAction(string Name, string Label, Func<AdminActionContext, IReadOnlyList<object>, Task<string>> Run)
{
    public const string Delete = "delete";
}

/// <summary>What an action can use: the request's database context and services.</summary>
public sealed record AdminActionContext(AppDbContext Db, IServiceProvider Services);
