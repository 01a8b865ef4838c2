using System.ComponentModel;
using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Monolith.Web.Areas.Admin.History;

namespace Monolith.Web.Areas.Admin.Models;

/// <summary>
/// Builds a list page in the database: search, filters and sort only over registered fields, a
/// projection of the listed columns (no entity loading, joins instead of N+1), then one COUNT and
/// one page query whatever the page size.
/// </summary>
internal sealed class ModelQuery<T>(DbContext db, ModelAdmin admin, TimeProvider clock)
    where T : class
{
    private const int MaxFilterChoices = 50;
    private const int DefaultColumnCount = 5;
    private readonly IEntityType _entityType = db.Model.FindEntityType(typeof(T))
        ?? throw new InvalidOperationException($"Admin: {typeof(T).Name} is not in the database model.");

    private static readonly (string Value, string Label, Func<DateTimeOffset, DateTimeOffset> Since)[] DateRanges =
    [
        ("today", "Today", now => new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero)),
        ("7d", "Past 7 days", now => now.AddDays(-7)),
        ("30d", "Past 30 days", now => now.AddDays(-30)),
        ("365d", "Past year", now => now.AddDays(-365)),
    ];

    public EntityKey Key => new(_entityType);

    public IReadOnlyList<AdminField> Columns() =>
        admin.Columns.Count > 0
            ? [.. admin.Columns.Select(Field)]
            : [.. _entityType.GetProperties()
                .Where(p => p.PropertyInfo is not null && !SecretProperties.IsSecret(p))
                .OrderByDescending(p => p.IsPrimaryKey())
                .Take(DefaultColumnCount)
                .Select(p => Field(p.Name))];

    public IReadOnlyList<AdminField> SearchFields() =>
        admin.SearchFields.Count > 0
            ? [.. admin.SearchFields.Select(Field)]
            : [.. Columns().Where(c => c.ClrType == typeof(string))];

    public AdminField Field(string path) => AdminField.Resolve(_entityType, path);

    public async Task<ListPage> ListAsync(ListRequest request, CancellationToken cancellationToken)
    {
        if (request.Page < 1 || request.Size < 1)
        {
            throw new BadListRequestException("page and size must be positive whole numbers.");
        }

        var columns = Columns();
        var searchFields = SearchFields();
        var query = db.Set<T>().AsNoTracking();
        if (request.Search is { } term)
        {
            query = query.Where(SearchPredicate(searchFields, term));
        }

        foreach (var (path, value) in request.Filters)
        {
            if (!admin.Filters.Contains(path, StringComparer.Ordinal))
            {
                throw new BadListRequestException($"'{path}' is not a filter of {admin.DisplayName}.");
            }

            query = query.Where(FilterPredicate(Field(path), value));
        }

        var total = await query.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + request.Size - 1) / request.Size);
        var page = request with { Page = Math.Min(request.Page, pageCount) };
        var rows = await Sort(query, columns, request.Sort)
            .Skip((page.Page - 1) * page.Size)
            .Take(page.Size)
            .Select(Projection(columns))
            .ToListAsync(cancellationToken);
        return new ListPage(
            admin, page, columns,
            [.. rows.Select(values => new ListRow(EntityKey.Format(values[0]), values[1..]))],
            total, await FilterChoicesAsync(cancellationToken), searchFields.Count > 0);
    }

    private static Expression<Func<T, bool>> SearchPredicate(IReadOnlyList<AdminField> fields, string term)
    {
        var entity = Expression.Parameter(typeof(T), "e");
        var lowered = Parameters.Of(term.ToLowerInvariant(), typeof(string));
        Expression? any = null;
        foreach (var field in fields)
        {
            var value = field.Access(entity);
            var match = Expression.AndAlso(
                Expression.NotEqual(value, Expression.Constant(null, typeof(string))),
                Expression.Call(Expression.Call(value, nameof(string.ToLower), Type.EmptyTypes), nameof(string.Contains), Type.EmptyTypes, lowered));
            any = any is null ? match : Expression.OrElse(any, match);
        }

        return Expression.Lambda<Func<T, bool>>(any ?? Expression.Constant(false), entity);
    }

    private Expression<Func<T, bool>> FilterPredicate(AdminField field, string text)
    {
        var entity = Expression.Parameter(typeof(T), "e");
        var value = field.Access(entity);
        Expression body;
        if (IsDate(field.ValueType))
        {
            var range = DateRanges.FirstOrDefault(r => r.Value == text);
            if (range.Since is null)
            {
                throw new BadListRequestException($"'{text}' is not a date range of {field.Path}.");
            }

            var since = range.Since(clock.GetUtcNow());
            object bound = field.ValueType == typeof(DateTime) ? since.UtcDateTime : since;
            body = Expression.GreaterThanOrEqual(value, Parameters.Of(bound, field.ClrType));
        }
        else
        {
            body = Expression.Equal(value, Parameters.Of(ParseFilterValue(field, text), field.ClrType));
        }

        return Expression.Lambda<Func<T, bool>>(body, entity);
    }

    private static object ParseFilterValue(AdminField field, string text)
    {
        if (field.ValueType.IsEnum)
        {
            return Enum.TryParse(field.ValueType, text, ignoreCase: false, out var value) && Enum.IsDefined(field.ValueType, value!)
                ? value!
                : throw new BadListRequestException($"'{text}' is not a value of {field.Path}.");
        }

        try
        {
            return TypeDescriptor.GetConverter(field.ValueType).ConvertFromInvariantString(text)
                ?? throw new BadListRequestException($"'{text}' is not a value of {field.Path}.");
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            throw new BadListRequestException($"'{text}' is not a value of {field.Path}.");
        }
    }

    private IQueryable<T> Sort(IQueryable<T> query, IReadOnlyList<AdminField> columns, string? sort)
    {
        var descending = sort?.StartsWith('-') ?? admin.DefaultDescending;
        var path = sort?.TrimStart('-') ?? admin.DefaultOrder;
        IOrderedQueryable<T>? ordered = null;
        if (path is not null)
        {
            // Only listed columns (or the registered default order) sort: never an arbitrary column from the URL.
            var field = sort is null ? Field(path) : columns.FirstOrDefault(c => c.Path == path)
                ?? throw new BadListRequestException($"'{path}' is not a sortable column of {admin.DisplayName}.");
            ordered = OrderBy(query, field.Access, field.ClrType, descending, first: true);
        }

        // The key last, so that pages never overlap or skip rows with equal sort values; in the same direction,
        // so that one index on (column, key) serves both directions without sorting the table.
        return OrderBy(ordered ?? query, e => Expression.Property(e, Key.Property.Name), Key.Property.ClrType,
            descending: ordered is not null && descending, first: ordered is null);
    }

    private static IOrderedQueryable<T> OrderBy(
        IQueryable<T> query, Func<Expression, Expression> access, Type type, bool descending, bool first)
    {
        var entity = Expression.Parameter(typeof(T), "e");
        var method = (first, descending) switch
        {
            (true, false) => nameof(Queryable.OrderBy),
            (true, true) => nameof(Queryable.OrderByDescending),
            (false, false) => nameof(Queryable.ThenBy),
            (false, true) => nameof(Queryable.ThenByDescending),
        };
        var call = Expression.Call(typeof(Queryable), method, [typeof(T), type],
            query.Expression, Expression.Quote(Expression.Lambda(access(entity), entity)));
        return (IOrderedQueryable<T>)query.Provider.CreateQuery<T>(call);
    }

    private Expression<Func<T, object?[]>> Projection(IReadOnlyList<AdminField> columns)
    {
        var entity = Expression.Parameter(typeof(T), "e");
        var values = columns.Select(c => c.Access(entity)).Prepend(Expression.Property(entity, Key.Property.Name))
            .Select(value => Expression.Convert(value, typeof(object)));
        return Expression.Lambda<Func<T, object?[]>>(Expression.NewArrayInit(typeof(object), values), entity);
    }

    private async Task<IReadOnlyList<FilterChoices>> FilterChoicesAsync(CancellationToken cancellationToken)
    {
        var result = new List<FilterChoices>();
        foreach (var field in admin.Filters.Select(Field))
        {
            IReadOnlyList<FilterChoice> choices = field.ValueType switch
            {
                var type when type == typeof(bool) => [new("true", "Yes"), new("false", "No")],
                var type when type.IsEnum => [.. Enum.GetNames(type).Select(name => new FilterChoice(name, name))],
                var type when IsDate(type) => [.. DateRanges.Select(r => new FilterChoice(r.Value, r.Label))],
                _ => await DistinctValuesAsync(field, cancellationToken),
            };
            result.Add(new FilterChoices(field.Path, field.Label, choices));
        }

        return result;
    }

    private async Task<IReadOnlyList<FilterChoice>> DistinctValuesAsync(AdminField field, CancellationToken cancellationToken)
    {
        var entity = Expression.Parameter(typeof(T), "e");
        var values = await db.Set<T>().AsNoTracking()
            .Select(Expression.Lambda<Func<T, object?>>(Expression.Convert(field.Access(entity), typeof(object)), entity))
            .Where(v => v != null)
            .Distinct()
            .Take(MaxFilterChoices)
            .ToListAsync(cancellationToken);
        return [.. values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)!).Order(StringComparer.Ordinal)
            .Select(text => new FilterChoice(text, text))];
    }

    private static bool IsDate(Type type) => type == typeof(DateTime) || type == typeof(DateTimeOffset);
}
