using System.Globalization;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Monolith.Web.Areas.Admin.Models;

/// <summary>One input of a generated form, described by the EF Core model.</summary>
public sealed record FormField(
    string Name,
    string Label,
    string InputType,
    bool Required,
    bool ReadOnly,
    int? MaxLength,
    IReadOnlyList<FilterChoice>? Choices,
    string? Value)
{
    /// <summary>How a value is written into an input (dates as <c>datetime-local</c>, UTC).</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        DateTimeOffset date => date.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    public static string InputTypeOf(IProperty property)
    {
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        return type switch
        {
            _ when type == typeof(bool) => "checkbox",
            _ when type.IsEnum || property.IsForeignKey() => "select",
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "datetime-local",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short)
                || type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "number",
            _ => "text",
        };
    }
}
