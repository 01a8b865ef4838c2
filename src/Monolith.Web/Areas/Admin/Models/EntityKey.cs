using System.ComponentModel;
using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Monolith.Web.Areas.Admin.Models;

/// <summary>The single-property primary key of an admin model, parsed from URLs and forms.</summary>
public sealed class EntityKey(IEntityType entityType)
{
    public IProperty Property { get; } = entityType.FindPrimaryKey() is { Properties.Count: 1 } key
        ? key.Properties[0]
        : throw new InvalidOperationException($"Admin: {entityType.ClrType.Name} needs a single-column primary key.");

    /// <summary>The key value, or null when the text is not a valid key (a tampered id).</summary>
    public object? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 450)
        {
            return null;
        }

        try
        {
            return TypeDescriptor.GetConverter(Property.ClrType).ConvertFromInvariantString(text);
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    public static string Format(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    public Expression<Func<T, bool>> Equal<T>(object value)
    {
        var entity = Expression.Parameter(typeof(T), "e");
        var body = Expression.Equal(Expression.Property(entity, Property.Name), Parameters.Of(value, Property.ClrType));
        return Expression.Lambda<Func<T, bool>>(body, entity);
    }

    public Expression<Func<T, bool>> In<T>(IEnumerable<object> values)
    {
        var entity = Expression.Parameter(typeof(T), "e");
        var list = typeof(List<>).MakeGenericType(Property.ClrType);
        var typed = (System.Collections.IList)Activator.CreateInstance(list)!;
        foreach (var value in values)
        {
            typed.Add(value);
        }

        var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [Property.ClrType],
            Parameters.Of(typed, list), Expression.Property(entity, Property.Name));
        return Expression.Lambda<Func<T, bool>>(contains, entity);
    }
}

/// <summary>Values as query parameters (not SQL literals), so EF Core reuses plans and nothing is inlined.</summary>
internal static class Parameters
{
    public static Expression Of(object? value, Type type)
    {
        var holder = Activator.CreateInstance(typeof(Holder<>).MakeGenericType(type), value)!;
        return Expression.Property(Expression.Constant(holder), "Value");
    }

    private sealed record Holder<TValue>(TValue Value);
}
