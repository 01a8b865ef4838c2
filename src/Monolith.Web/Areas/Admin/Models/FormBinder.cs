using System.ComponentModel;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Monolith.Web.Areas.Admin.Models;

/// <summary>Turns posted text into typed property values, with a message per field that cannot be.</summary>
internal static class FormBinder
{
    public static object? Parse(IProperty property, string? text, Dictionary<string, string> errors)
    {
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        var label = AdminField.LabelOf(property.Name);
        if (type == typeof(bool))
        {
            return text == "true";
        }

        if (string.IsNullOrEmpty(text))
        {
            if (!property.IsNullable)
            {
                errors[property.Name] = $"{label} is required.";
            }

            return type == typeof(string) && !property.IsNullable ? "" : null;
        }

        if (type == typeof(string))
        {
            if (property.GetMaxLength() is { } max && text.Length > max)
            {
                errors[property.Name] = $"{label} must be at most {max} characters.";
            }

            return text;
        }

        try
        {
            if (type.IsEnum)
            {
                return Enum.TryParse(type, text, ignoreCase: false, out var value) && Enum.IsDefined(type, value!)
                    ? value
                    : throw new FormatException();
            }

            if (type == typeof(DateTimeOffset))
            {
                return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            }

            if (type == typeof(DateTime))
            {
                return DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), DateTimeKind.Utc);
            }

            return TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text);
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            errors[property.Name] = $"{label} is not a valid value.";
            return null;
        }
    }
}
