using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monolith.Testing;

namespace Monolith.Tests.Deployment;

/// <summary>The repository's Dockerfile, read into stages and instructions (comments and line continuations handled).</summary>
public sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerStage> stages) => Stages = stages;

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage Build => Stages[^2];

    public DockerStage Runtime => Stages[^1];

    /// <summary>The arguments of the build stage's <c>dotnet publish</c>, build arguments at their defaults.</summary>
    public IReadOnlyList<string> PublishArguments => DotnetArguments("publish");

    /// <summary>The arguments of the build stage's <c>dotnet restore</c>, build arguments at their defaults.</summary>
    public IReadOnlyList<string> RestoreArguments => DotnetArguments("restore");

    private string[] DotnetArguments(string command)
    {
        var run = Build.Instructions.Single(i => i.Keyword == "RUN" && i.Arguments.StartsWith($"dotnet {command} ", StringComparison.Ordinal));
        var defaults = Build.Instructions.Where(i => i.Keyword == "ARG")
            .Select(i => i.Arguments.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.ElementAtOrDefault(1) ?? BuildKitArgument(pair[0]));
        var expanded = BuildArgument().Replace(run.Arguments, match => defaults[match.Groups[1].Value]);
        return expanded.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2..];
    }

    /// <summary>What BuildKit sets an automatic platform argument to when building for this machine.</summary>
    private static string BuildKitArgument(string name) => name switch
    {
        "TARGETARCH" => RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant() switch
        {
            "x64" => "amd64",
            var architecture => architecture,
        },
        _ => throw new InvalidOperationException($"The Dockerfile's ARG {name} has no default value."),
    };

    /// <summary>The folder <c>dotnet publish -o</c> writes to.</summary>
    public string PublishOutput => PublishArguments[PublishArguments.ToList().IndexOf("-o") + 1];

    /// <summary>The runtime stage's <c>ENV</c> variables.</summary>
    public IReadOnlyDictionary<string, string> Environment => Runtime.Instructions.Where(i => i.Keyword == "ENV")
        .Select(i => i.Arguments.Split('=', 2))
        .ToDictionary(pair => pair[0], pair => pair[1]);

    /// <summary>The runtime stage's exec-form <c>ENTRYPOINT</c>.</summary>
    public IReadOnlyList<string> Entrypoint =>
        JsonSerializer.Deserialize<string[]>(Runtime.Instructions.Single(i => i.Keyword == "ENTRYPOINT").Arguments)!;

    public static Dockerfile Load(string name = "Dockerfile") =>
        Parse(File.ReadAllText(Path.Combine(TestServices.RepositoryRoot, name)));

    public static Dockerfile Parse(string text)
    {
        var stages = new List<DockerStage>();
        foreach (var line in LogicalLines(text))
        {
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            var instruction = new DockerInstruction(parts[0].ToUpperInvariant(), parts.ElementAtOrDefault(1) ?? "");
            if (instruction.Keyword == "FROM")
            {
                var from = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stages.Add(new DockerStage(from[0], from.Length == 3 ? from[2] : null, new List<DockerInstruction>()));
            }
            else
            {
                ((List<DockerInstruction>)stages[^1].Instructions).Add(instruction);
            }
        }

        return new Dockerfile(stages);
    }

    private static IEnumerable<string> LogicalLines(string text)
    {
        var current = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            current += line.EndsWith('\\') ? line[..^1] + " " : line;
            if (!line.EndsWith('\\'))
            {
                yield return current;
                current = "";
            }
        }
    }

    [GeneratedRegex(@"\$\{?(\w+)\}?")]
    private static partial Regex BuildArgument();
}

public sealed record DockerStage(string Image, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    public string Tag => Image.Contains(':', StringComparison.Ordinal) ? Image[(Image.LastIndexOf(':') + 1)..] : "";
}

public sealed record DockerInstruction(string Keyword, string Arguments);
