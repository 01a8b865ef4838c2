namespace Monolith.Web.Areas.Admin.Models;

/// <summary>Every model registered with the admin, by URL slug.</summary>
public sealed class ModelAdminRegistry
{
    private readonly Dictionary<string, ModelAdmin> _models = new(StringComparer.Ordinal);

    public IEnumerable<ModelAdmin> Models => _models.Values.OrderBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers <typeparamref name="T"/>; with no configuration, columns, search and form come from the EF Core model.</summary>
    public ModelAdmin<T> Register<T>(Action<ModelAdmin<T>>? configure = null)
        where T : class
    {
        var model = new ModelAdmin<T>();
        configure?.Invoke(model);
        if (!_models.TryAdd(model.Slug, model))
        {
            throw new InvalidOperationException($"{typeof(T).Name} is registered with the admin twice.");
        }

        return model;
    }

    public ModelAdmin? Find(string slug) => _models.GetValueOrDefault(slug);
}
