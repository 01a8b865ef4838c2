using Microsoft.Extensions.Options;

namespace Monolith.Web.Areas.Admin;

/// <summary>The <c>Admin</c> configuration section.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Rows per list page unless the page asks for another size.</summary>
    public int PageSize { get; set; } = 25;

    /// <summary>The largest page (and bulk selection) a request may ask for.</summary>
    public int MaxPageSize { get; set; } = 500;
}

internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        if (options.MaxPageSize is < 1 or > 10_000)
        {
            return ValidateOptionsResult.Fail("Admin:MaxPageSize must be between 1 and 10000.");
        }

        return options.PageSize < 1 || options.PageSize > options.MaxPageSize
            ? ValidateOptionsResult.Fail("Admin:PageSize must be between 1 and Admin:MaxPageSize.")
            : ValidateOptionsResult.Success;
    }
}
