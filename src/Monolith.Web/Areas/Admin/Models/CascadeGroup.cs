namespace Monolith.Web.Areas.Admin.Models;

/// <summary>Rows of one type that a delete would take with it (Django's "the following objects will be deleted").</summary>
public sealed record CascadeGroup(string EntityType, int Count, IReadOnlyList<string> SampleKeys, int Depth);
