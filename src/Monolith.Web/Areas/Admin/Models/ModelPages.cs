using System.Linq.Expressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Monolith.Web.Areas.Admin.History;
using Monolith.Web.Data;

namespace Monolith.Web.Areas.Admin.Models;

/// <summary>What the admin's data pages do with one registered model, whatever its type.</summary>
public interface IModelPages
{
    ModelAdmin Admin { get; }

    Task<ListPage> ListAsync(ListRequest request, CancellationToken cancellationToken);

    /// <summary>The tracked row, or null when the key is malformed or no row has it.</summary>
    Task<object?> FindAsync(string? key, CancellationToken cancellationToken);

    /// <summary>The tracked rows with these keys; null when any key is malformed.</summary>
    Task<IReadOnlyList<object>?> FindManyAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    object CreateEntity();

    string KeyOf(object entity);

    Task<IReadOnlyList<FormField>> FormAsync(object entity, bool creating, IReadOnlyDictionary<string, string>? posted, CancellationToken cancellationToken);

    /// <summary>Applies the posted values and validates them (types, lengths, foreign keys, the FluentValidation validator); errors by field.</summary>
    Task<Dictionary<string, string>> ApplyAsync(object entity, bool creating, IReadOnlyDictionary<string, string> posted, CancellationToken cancellationToken);

    Task<IReadOnlyList<CascadeGroup>> CascadeAsync(IReadOnlyList<object> entities, CancellationToken cancellationToken);
}

internal sealed class ModelPages<T>(AppDbContext db, ModelAdmin admin, TimeProvider clock, IServiceProvider services) : IModelPages
    where T : class
{
    private const int MaxChoices = 500;
    private const int MaxCascadeDepth = 3;
    private const int CascadeSamples = 10;
    private readonly ModelQuery<T> _query = new(db, admin, clock);
    private readonly IEntityType _entityType = db.Model.FindEntityType(typeof(T))!;

    public ModelAdmin Admin => admin;

    public Task<ListPage> ListAsync(ListRequest request, CancellationToken cancellationToken) =>
        _query.ListAsync(request, cancellationToken);

    public async Task<object?> FindAsync(string? key, CancellationToken cancellationToken) =>
        _query.Key.Parse(key) is { } value
            ? await db.Set<T>().SingleOrDefaultAsync(_query.Key.Equal<T>(value), cancellationToken)
            : null;

    public async Task<IReadOnlyList<object>?> FindManyAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var values = keys.Select(_query.Key.Parse).ToList();
        if (values.Any(v => v is null))
        {
            return null;
        }

        return await db.Set<T>().Where(_query.Key.In<T>(values!)).ToListAsync(cancellationToken);
    }

    public object CreateEntity() => Activator.CreateInstance<T>();

    public string KeyOf(object entity) => EntityKey.Format(db.Entry(entity).Property(_query.Key.Property.Name).CurrentValue);

    private IEnumerable<IProperty> FormProperties() =>
        _entityType.GetProperties().Where(p => p.PropertyInfo is not null && !SecretProperties.IsSecret(p));

    private bool IsReadOnly(IProperty property, bool creating) =>
        admin.ReadOnlyFields.Contains(property.Name)
        || property.IsConcurrencyToken
        || property.IsPrimaryKey() && (!creating || property.ValueGenerated != ValueGenerated.Never);

    public async Task<IReadOnlyList<FormField>> FormAsync(
        object entity, bool creating, IReadOnlyDictionary<string, string>? posted, CancellationToken cancellationToken)
    {
        var fields = new List<FormField>();
        foreach (var property in FormProperties())
        {
            var readOnly = IsReadOnly(property, creating);
            var value = posted is not null && !readOnly
                ? posted.GetValueOrDefault(property.Name)
                : FormField.Text(property.PropertyInfo!.GetValue(entity));
            fields.Add(new FormField(
                property.Name,
                AdminField.LabelOf(property.Name),
                FormField.InputTypeOf(property),
                !property.IsNullable && property.ClrType != typeof(bool),
                readOnly,
                property.GetMaxLength(),
                await ChoicesAsync(property, cancellationToken),
                value));
        }

        return fields;
    }

    public async Task<Dictionary<string, string>> ApplyAsync(
        object entity, bool creating, IReadOnlyDictionary<string, string> posted, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in FormProperties().Where(p => !IsReadOnly(p, creating)))
        {
            var value = FormBinder.Parse(property, posted.GetValueOrDefault(property.Name), errors);
            if (errors.ContainsKey(property.Name))
            {
                continue;
            }

            if (value is not null && property.IsForeignKey() && !await PrincipalExistsAsync(property, value, cancellationToken))
            {
                errors[property.Name] = $"{AdminField.LabelOf(property.Name)}: no such row.";
                continue;
            }

            property.PropertyInfo!.SetValue(entity, value);
        }

        if (creating && errors.Count == 0 && _query.Key.Property.ValueGenerated == ValueGenerated.Never
            && await db.Set<T>().AnyAsync(_query.Key.Equal<T>(db.Entry(entity).Property(_query.Key.Property.Name).CurrentValue!), cancellationToken))
        {
            errors[_query.Key.Property.Name] = $"A row with this {AdminField.LabelOf(_query.Key.Property.Name)} already exists.";
        }

        if (services.GetService<IValidator<T>>() is { } validator)
        {
            var result = await validator.ValidateAsync((T)entity, cancellationToken);
            foreach (var failure in result.Errors)
            {
                errors.TryAdd(failure.PropertyName, failure.ErrorMessage);
            }
        }

        return errors;
    }

    private async Task<IReadOnlyList<FilterChoice>?> ChoicesAsync(IProperty property, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        if (type.IsEnum)
        {
            return [.. Enum.GetNames(type).Select(name => new FilterChoice(name, name))];
        }

        if (!property.IsForeignKey())
        {
            return null;
        }

        var principal = property.GetContainingForeignKeys().First().PrincipalKey.Properties[0];
        var keys = await Keys(Set(principal.DeclaringType.ClrType), [principal]).Take(MaxChoices).ToListAsync(cancellationToken);
        return [.. keys.Select(k => new FilterChoice(EntityKey.Format(k[0]), EntityKey.Format(k[0])))];
    }

    private async Task<bool> PrincipalExistsAsync(IProperty property, object value, CancellationToken cancellationToken)
    {
        var principal = property.GetContainingForeignKeys().First().PrincipalKey.Properties[0];
        return await Keys(Where(Set(principal.DeclaringType.ClrType), principal, value), [principal]).AnyAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CascadeGroup>> CascadeAsync(IReadOnlyList<object> entities, CancellationToken cancellationToken)
    {
        var groups = new List<CascadeGroup>();
        foreach (var entity in entities)
        {
            await CollectAsync(_entityType, db.Entry(entity).Property(_query.Key.Property.Name).CurrentValue!, 1, groups, cancellationToken);
        }

        return [.. groups.GroupBy(g => (g.EntityType, g.Depth))
            .Select(g => new CascadeGroup(g.Key.EntityType, g.Sum(x => x.Count), [.. g.SelectMany(x => x.SampleKeys).Take(CascadeSamples)], g.Key.Depth))];
    }

    private async Task CollectAsync(IEntityType principal, object key, int depth, List<CascadeGroup> groups, CancellationToken cancellationToken)
    {
        foreach (var foreignKey in principal.GetReferencingForeignKeys()
                     .Where(fk => fk.DeleteBehavior is DeleteBehavior.Cascade or DeleteBehavior.ClientCascade && fk.Properties.Count == 1))
        {
            var dependent = foreignKey.DeclaringEntityType;
            var dependentKey = dependent.FindPrimaryKey()!.Properties;
            var rows = Keys(Where(Set(dependent.ClrType), foreignKey.Properties[0], key), dependentKey);
            var count = await rows.CountAsync(cancellationToken);
            if (count == 0)
            {
                continue;
            }

            var samples = await rows.Take(CascadeSamples).ToListAsync(cancellationToken);
            groups.Add(new CascadeGroup(dependent.ClrType.Name, count,
                [.. samples.Select(s => string.Join(",", s.Select(EntityKey.Format)))], depth));
            if (depth < MaxCascadeDepth && dependentKey.Count == 1)
            {
                foreach (var sample in samples)
                {
                    await CollectAsync(dependent, sample[0]!, depth + 1, groups, cancellationToken);
                }
            }
        }
    }

    private IQueryable Set(Type clrType) =>
        (IQueryable)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!
            .MakeGenericMethod(clrType).Invoke(db, null)!;

    private static IQueryable Where(IQueryable rows, IReadOnlyProperty property, object value)
    {
        var entity = Expression.Parameter(rows.ElementType, "e");
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        var body = Expression.Equal(
            Expression.Property(entity, property.Name),
            Parameters.Of(Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture), property.ClrType));
        return rows.Provider.CreateQuery(Expression.Call(typeof(Queryable), nameof(Queryable.Where), [rows.ElementType],
            rows.Expression, Expression.Quote(Expression.Lambda(body, entity))));
    }

    /// <summary>The key columns of each row, so that no entity is materialised to count or list it.</summary>
    private static IQueryable<object?[]> Keys(IQueryable rows, IReadOnlyList<IReadOnlyProperty> key)
    {
        var entity = Expression.Parameter(rows.ElementType, "e");
        var values = key.Select(p => Expression.Convert(Expression.Property(entity, p.Name), typeof(object)));
        var projection = Expression.Lambda(Expression.NewArrayInit(typeof(object), values), entity);
        return rows.Provider.CreateQuery<object?[]>(Expression.Call(typeof(Queryable), nameof(Queryable.Select),
            [rows.ElementType, typeof(object[])], rows.Expression, Expression.Quote(projection)));
    }
}
