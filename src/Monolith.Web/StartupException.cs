namespace Monolith.Web;

/// <summary>
/// A start-up failure the operator can fix (bad configuration, unreachable service).
/// Its message is one line naming the key or host; the command runner prints it without a stack trace.
/// </summary>
public sealed class StartupException(string message, Exception? innerException = null)
    : Exception(message, innerException);
