using Monolith.Web.Areas.Admin.History;
using Monolith.Web.Areas.Admin.Models;
using Monolith.Web.Data;

namespace Monolith.Web.Areas.Admin.Users;

/// <summary>The users list as the query string asks for it: <c>q</c> (part of the email), <c>role</c>, <c>locked</c>, <c>confirmed</c>, <c>page</c>, <c>size</c>.</summary>
public sealed record UserListRequest(string? Search, string? Role, bool? Locked, bool? Confirmed, int Page, int Size)
{
    /// <summary>This request's query string with some values changed (null removes one).</summary>
    public string QueryWith(params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Search,
            ["role"] = Role,
            ["locked"] = Flag(Locked),
            ["confirmed"] = Flag(Confirmed),
            ["size"] = Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }

        return "?" + string.Join("&", values.Where(p => p.Value is not null)
            .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value!)));
    }

    private static string? Flag(bool? value) => value switch
    {
        true => "true",
        false => "false",
        null => null,
    };
}

public sealed record UserListPage(UserListRequest Request, IReadOnlyList<UserRow> Rows, int Total, IReadOnlyList<string> AllRoles)
{
    public int PageCount => Math.Max(1, (Total + Request.Size - 1) / Request.Size);
}

/// <summary>One account in the list; <see cref="LockedUntil"/> is null unless it is locked now.</summary>
public sealed record UserRow(
    string Id, string? Email, bool EmailConfirmed, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt, IReadOnlyList<string> Roles);

public sealed record UserDetails(
    AppUser User,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> AllRoles,
    bool IsLocked,
    bool TwoFactorEnabled,
    IReadOnlyList<AuditEntry> History,
    string? Error);

public sealed record UserDeletion(AppUser User, IReadOnlyList<CascadeGroup> Cascade);

/// <summary>What an action on an account did, or why it was refused (then nothing changed).</summary>
public sealed record UserChange(bool Succeeded, string Message)
{
    public static UserChange Done(string message) => new(true, message);

    public static UserChange Refused(string message) => new(false, message);
}
