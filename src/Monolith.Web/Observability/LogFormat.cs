namespace Monolith.Web.Observability;

/// <summary><c>Observability:LogFormat</c>: how the console log is written.</summary>
public enum LogFormat
{
    /// <summary>Compact JSON, one event per line, for log collectors (the default).</summary>
    Json,

    /// <summary>Readable lines for a developer's terminal.</summary>
    Text,
}
