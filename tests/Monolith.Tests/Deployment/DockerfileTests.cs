using Monolith.Testing;
using Monolith.Tests.Deployment;

namespace Monolith.Tests.Unit.Deployment;

/// <summary>The Dockerfile builds a small, non-root, pinned image that runs every role of the app.</summary>
public sealed class DockerfileTests
{
    private static readonly string AppAssembly = typeof(Program).Assembly.GetName().Name!;
    private readonly Dockerfile _dockerfile = Dockerfile.Load();

    [Fact]
    public void Builds_with_the_sdk_in_one_stage_and_runs_on_the_aspnet_runtime_in_another()
    {
        Assert.Equal(2, _dockerfile.Stages.Count);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk", _dockerfile.Build.Image.Split(':')[0]);
        Assert.Equal("build", _dockerfile.Build.Name);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet", _dockerfile.Runtime.Image.Split(':')[0]);
    }

    [Fact]
    public void Base_images_are_pinned_to_exact_versions_of_the_apps_dotnet_and_the_runtime_is_chiseled()
    {
        var targetVersion = typeof(Program).Assembly.GetCustomAttributes(typeof(System.Runtime.Versioning.TargetFrameworkAttribute), false)
            .Cast<System.Runtime.Versioning.TargetFrameworkAttribute>().Single().FrameworkName.Split("v")[^1];
        foreach (var stage in _dockerfile.Stages)
        {
            Assert.Matches(@"^\d+\.\d+\.\d+(-[a-z]+)*$", stage.Tag);
            Assert.StartsWith(targetVersion + ".", stage.Tag, StringComparison.Ordinal);
        }

        Assert.EndsWith("-chiseled", _dockerfile.Runtime.Tag, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_as_the_numeric_non_root_user_of_the_dotnet_images()
    {
        var user = _dockerfile.Runtime.Instructions.Last(i => i.Keyword == "USER").Arguments;

        // $APP_UID is 1654 in the .NET images; a name instead of a number defeats runAsNonRoot.
        Assert.Matches(@"^(\$APP_UID|\$\{APP_UID\}|[1-9][0-9]*)$", user);
    }

    [Fact]
    public void Restores_in_its_own_layer_from_project_and_props_files_only()
    {
        var instructions = _dockerfile.Build.Instructions.ToList();
        var restore = instructions.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        var publish = instructions.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal));

        Assert.True(restore >= 0 && restore < publish);
        var copiedBeforeRestore = instructions.Take(restore).Where(i => i.Keyword == "COPY")
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1]).ToList();
        Assert.Contains($"src/{AppAssembly}/{AppAssembly}.csproj", copiedBeforeRestore);
        Assert.Contains("Directory.Packages.props", copiedBeforeRestore);
        Assert.All(copiedBeforeRestore, file => Assert.Matches(@"(\.csproj|\.props|global\.json|\.editorconfig)$", file));
        Assert.Contains(instructions.Skip(restore), i => i.Keyword == "COPY" && i.Arguments.StartsWith("src/", StringComparison.Ordinal));
        Assert.Contains("--no-restore", _dockerfile.PublishArguments);
        Assert.Equal("Release", _dockerfile.PublishArguments[_dockerfile.PublishArguments.ToList().IndexOf("-c") + 1]);
    }

    [Fact]
    public void Only_the_publish_output_is_copied_into_the_runtime_stage()
    {
        var copies = _dockerfile.Runtime.Instructions.Where(i => i.Keyword is "COPY" or "ADD").ToList();

        var copy = Assert.Single(copies);
        Assert.Equal($"--from=build {_dockerfile.PublishOutput} .", copy.Arguments);
        Assert.Equal(_dockerfile.PublishOutput, _dockerfile.Runtime.Instructions.Single(i => i.Keyword == "WORKDIR").Arguments);
    }

    [Fact]
    public void The_entrypoint_runs_the_app_on_port_8080_and_commands_are_its_arguments()
    {
        Assert.Equal(["dotnet", $"{AppAssembly}.dll"], _dockerfile.Entrypoint);
        Assert.DoesNotContain(_dockerfile.Runtime.Instructions, i => i.Keyword == "CMD");
        Assert.Equal("8080", _dockerfile.Environment["ASPNETCORE_HTTP_PORTS"]);
        Assert.Contains("8080", _dockerfile.Runtime.Instructions.Single(i => i.Keyword == "EXPOSE").Arguments.Split(' '));
    }

    [Fact]
    public void The_build_context_is_an_allow_list_that_never_includes_secrets_or_build_output()
    {
        var rules = File.ReadAllLines(Path.Combine(TestServices.RepositoryRoot, ".dockerignore"))
            .Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();

        Assert.Equal("*", rules[0]);
        Assert.DoesNotContain(rules, rule => rule.StartsWith("!k8s", StringComparison.Ordinal) || rule == "!.");
        Assert.Contains("**/bin/", rules);
        Assert.Contains("**/obj/", rules);
    }

    [Fact]
    public void The_parser_joins_continued_lines_and_skips_comments()
    {
        var dockerfile = Dockerfile.Parse("""
            # comment
            FROM mcr.microsoft.com/dotnet/sdk:10.0.100 AS build
            ARG V=1.0
            RUN dotnet publish a.csproj \
                -o /out -p:Version=${V}
            FROM mcr.microsoft.com/dotnet/aspnet:10.0.0 AS runtime
            ENTRYPOINT ["dotnet", "a.dll"]
            """);

        Assert.Equal(["a.csproj", "-o", "/out", "-p:Version=1.0"], dockerfile.PublishArguments);
        Assert.Equal("/out", dockerfile.PublishOutput);
        Assert.Equal(["dotnet", "a.dll"], dockerfile.Entrypoint);
    }
}
