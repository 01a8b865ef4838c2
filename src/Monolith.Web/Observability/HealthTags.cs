namespace Monolith.Web.Observability;

public static class HealthTags
{
    /// <summary>Checks that must pass before the app takes traffic (<c>/readyz</c>).</summary>
    public const string Ready = "ready";
}
