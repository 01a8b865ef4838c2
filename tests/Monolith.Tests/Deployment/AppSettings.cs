using Microsoft.Extensions.Configuration;
using Monolith.Testing;

namespace Monolith.Tests.Deployment;

/// <summary>The configuration keys the app reads: every key of its appsettings.json (which holds them all).</summary>
public static class AppSettings
{
    public static IReadOnlySet<string> Keys() =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(TestServices.AppProjectDirectory, "appsettings.json"))
            .Build()
            .AsEnumerable()
            .Select(pair => pair.Key)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
}
