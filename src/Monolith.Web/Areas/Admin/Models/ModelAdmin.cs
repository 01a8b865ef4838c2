using System.Linq.Expressions;

namespace Monolith.Web.Areas.Admin.Models;

/// <summary>
/// How one entity type appears in the admin, in the spirit of Django's <c>ModelAdmin</c>. Fields are
/// property paths (<c>Owner.Email</c>); only the ones named here can be sorted, searched or filtered,
/// so a tampered query string can never reach another column.
/// </summary>
public abstract class ModelAdmin(Type clrType)
{
    private readonly List<string> _columns = [];
    private readonly List<string> _search = [];
    private readonly List<string> _filters = [];
    private readonly HashSet<string> _readOnly = new(StringComparer.Ordinal);
    private readonly List<AdminAction> _actions = [];

    public Type ClrType { get; } = clrType;

    /// <summary>The URL segment: the type name in lower case (<c>/admin/data/jobheartbeat</c>).</summary>
    public string Slug => ClrType.Name.ToLowerInvariant();

    public string DisplayName { get; protected set; } = clrType.Name;

    public IReadOnlyList<string> Columns => _columns;

    public IReadOnlyList<string> SearchFields => _search;

    public IReadOnlyList<string> Filters => _filters;

    public IReadOnlySet<string> ReadOnlyFields => _readOnly;

    public IReadOnlyList<AdminAction> Actions => _actions;

    public string? DefaultOrder { get; private set; }

    public bool DefaultDescending { get; private set; }

    /// <summary>False: the admin only lists and shows rows (create, edit and delete are elsewhere, e.g. users).</summary>
    public bool Editable { get; private set; } = true;

    protected void AddColumns(IEnumerable<string> paths) => _columns.AddRange(paths);

    protected void AddSearch(IEnumerable<string> paths) => _search.AddRange(paths);

    protected void AddFilters(IEnumerable<string> paths) => _filters.AddRange(paths);

    protected void AddReadOnly(IEnumerable<string> paths) => _readOnly.UnionWith(paths);

    protected void AddAction(AdminAction action) => _actions.Add(action);

    protected void SetOrder(string path, bool descending) => (DefaultOrder, DefaultDescending) = (path, descending);

    protected void SetEditable(bool editable) => Editable = editable;

    internal static string PathOf(LambdaExpression expression)
    {
        var body = expression.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : expression.Body;
        var names = new Stack<string>();
        while (body is MemberExpression member)
        {
            names.Push(member.Member.Name);
            body = member.Expression!;
        }

        return body is ParameterExpression && names.Count > 0
            ? string.Join('.', names)
            : throw new ArgumentException($"'{expression}' must be a property path such as p => p.Owner.Email.", nameof(expression));
    }
}

/// <summary>The fluent registration of <typeparamref name="T"/>.</summary>
public sealed class ModelAdmin<T>() : ModelAdmin(typeof(T))
    where T : class
{
    public ModelAdmin<T> Named(string displayName)
    {
        DisplayName = displayName;
        return this;
    }

    public ModelAdmin<T> List(params Expression<Func<T, object?>>[] columns)
    {
        AddColumns(columns.Select(PathOf));
        return this;
    }

    public ModelAdmin<T> Search(params Expression<Func<T, string?>>[] fields)
    {
        AddSearch(fields.Select(PathOf));
        return this;
    }

    public ModelAdmin<T> Filter(params Expression<Func<T, object?>>[] fields)
    {
        AddFilters(fields.Select(PathOf));
        return this;
    }

    public ModelAdmin<T> OrderBy(Expression<Func<T, object?>> field, bool descending = false)
    {
        SetOrder(PathOf(field), descending);
        return this;
    }

    public ModelAdmin<T> ReadOnly(params Expression<Func<T, object?>>[] fields)
    {
        AddReadOnly(fields.Select(PathOf));
        return this;
    }

    /// <summary>Lists and shows rows only: no create, edit or delete here.</summary>
    public ModelAdmin<T> ViewOnly()
    {
        SetEditable(false);
        return this;
    }

    /// <summary>A bulk action offered on the selected rows of the list; it runs in the request's scope.</summary>
    public ModelAdmin<T> Action(string name, string label, Func<AdminActionContext, IReadOnlyList<T>, Task<string>> run)
    {
        AddAction(new AdminAction(name, label, (context, rows) => run(context, [.. rows.Cast<T>()])));
        return this;
    }
}
