namespace Monolith.Web;

/// <summary>Enum settings read at registration time, before options validation can run.</summary>
internal static class ConfigurationEnums
{
    /// <summary>The value at <paramref name="key"/> (case-insensitive), the default when unset, or one line naming the key.</summary>
    public static T Read<T>(IConfiguration configuration, string key, T defaultValue, string allowed)
        where T : struct, Enum
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return defaultValue;
        }

        return Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new StartupException($"{key} must be {allowed}, not '{value}'.");
    }
}
