using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Metadata;
using Monolith.Web.Areas.Admin.History;

namespace Monolith.Web.Areas.Admin.Models;

/// <summary>A property path (<c>Owner.Email</c>) resolved against the EF Core model.</summary>
public sealed partial class AdminField
{
    private readonly IReadOnlyList<string> _segments;

    private AdminField(string path, IReadOnlyList<string> segments, IProperty property)
    {
        Path = path;
        _segments = segments;
        Property = property;
    }

    public string Path { get; }

    public IProperty Property { get; }

    public Type ClrType => Property.ClrType;

    public Type ValueType => Nullable.GetUnderlyingType(ClrType) ?? ClrType;

    public string Label => LabelOf(Path);

    /// <summary><c>Owner.EmailConfirmed</c> → <c>Owner Email Confirmed</c>.</summary>
    public static string LabelOf(string path) => SplitWords().Replace(path.Replace('.', ' '), " $1");

    /// <summary>The path, or an exception naming it when it is not a mapped, non-secret property of the model.</summary>
    public static AdminField Resolve(IEntityType entityType, string path)
    {
        var segments = path.Split('.');
        var type = entityType;
        foreach (var navigation in segments[..^1])
        {
            type = (IEntityType?)type.FindNavigation(navigation)?.TargetEntityType
                ?? throw new InvalidOperationException($"Admin: {entityType.ClrType.Name} has no navigation '{navigation}' (in '{path}').");
        }

        var property = type.FindProperty(segments[^1]);
        if (property?.PropertyInfo is null || SecretProperties.IsSecret(property))
        {
            throw new InvalidOperationException($"Admin: '{path}' is not a mapped, non-secret property of {entityType.ClrType.Name}.");
        }

        return new AdminField(path, segments, property);
    }

    public Expression Access(Expression entity) =>
        _segments.Aggregate(entity, Expression.Property);

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex SplitWords();
}
