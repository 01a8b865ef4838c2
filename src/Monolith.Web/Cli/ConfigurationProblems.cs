using Microsoft.Extensions.Options;

namespace Monolith.Web.Cli;

/// <summary>Turns start-up failures an operator can fix into one line each, without stack traces.</summary>
internal static class ConfigurationProblems
{
    /// <summary>Validates every options class registered with <c>ValidateOnStart</c>.</summary>
    public static IReadOnlyList<string> Find(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (Exception e) when (Describe(e) is { Count: > 0 } problems)
        {
            return problems;
        }
    }

    public static void ThrowIfAny(IServiceProvider services)
    {
        var problems = Find(services);
        if (problems.Count > 0)
        {
            throw new AggregateException(problems.Select(problem => new StartupException(problem)));
        }
    }

    /// <summary>The operator-facing lines for an exception, or none when it is a bug (then the stack trace matters).</summary>
    public static IReadOnlyList<string> Describe(Exception exception) => exception switch
    {
        StartupException e => [e.Message],
        OptionsValidationException e => [.. e.Failures],
        AggregateException e => [.. e.InnerExceptions.SelectMany(Describe)],
        _ when exception.InnerException is { } inner => Describe(inner),
        _ => [],
    };
}
