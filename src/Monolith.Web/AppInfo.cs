using System.Reflection;

namespace Monolith.Web;

/// <summary>What was built: shown by <c>check</c> so an operator knows which build answers.</summary>
public static class AppInfo
{
    /// <summary>The informational version without its source revision suffix (<c>1.2.0+abc123</c> → <c>1.2.0</c>).</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary><c>Debug</c> or <c>Release</c>: the configuration this assembly was compiled in.</summary>
    public static string BuildConfiguration =>
//-:cnd:noEmit
#if DEBUG
        "Debug";
#else
        "Release";
#endif
//+:cnd:noEmit

    private static string ReadVersion()
    {
        var assembly = typeof(AppInfo).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        var revision = version.IndexOf('+', StringComparison.Ordinal);
        return revision < 0 ? version : version[..revision];
    }
}
