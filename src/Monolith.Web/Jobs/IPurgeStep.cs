namespace Monolith.Web.Jobs;

/// <summary>
/// What a feature deletes when <c>purge-old-data</c> runs (its expired files and rows), so the purge job
/// knows no feature by name. Register with <c>services.AddScoped&lt;IPurgeStep, …&gt;()</c>; steps must be idempotent.
/// </summary>
public interface IPurgeStep
{
    /// <summary>Deletes what has expired at <paramref name="now"/>; returns what it did, for the log (e.g. "2 expired exports").</summary>
    Task<string> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
