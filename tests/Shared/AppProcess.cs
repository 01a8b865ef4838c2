using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Monolith.Testing;

/// <summary>
/// The app's real binary (the build output of src/Monolith.Web) started as a child process,
/// the way an operator or a container runs it, with its output captured; or any other program.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private const string ManagementPortVariable = "Observability__ManagementPort";
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private AppProcess(Process process, int managementPort)
    {
        _process = process;
        ManagementPort = managementPort;
        process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Stdout { get { lock (_stdout) { return _stdout.ToString(); } } }

    public string Stderr { get { lock (_stderr) { return _stderr.ToString(); } } }

    public int Id => _process.Id;

    /// <summary>Port of the management listener (metrics, health report); a free one unless the environment sets it, 0 when off.</summary>
    public int ManagementPort { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: the process gets no chance to clean up, as when a node dies.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts <c>dotnet Monolith.Web.dll args</c> in the project folder, in Production unless the environment says
    /// otherwise, with the management listener on a free port so that several apps can run side by side.
    /// </summary>
    public static AppProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var production = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        foreach (var (key, value) in environment)
        {
            production[key] = value;
        }

        return Start("dotnet", [TestServices.AppAssemblyPath, .. args], production, TestServices.AppProjectDirectory);
    }

    /// <summary>Starts any program (a tool, or the app inside a sandbox) with the given variables added to this process's environment.</summary>
    public static AppProcess Start(
        string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[ManagementPortVariable] = TestServices.FreeTcpPort().ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new AppProcess(
            Process.Start(start)!, int.Parse(start.Environment[ManagementPortVariable]!, CultureInfo.InvariantCulture));
    }

    /// <summary>Runs a command to completion, with <paramref name="standardInput"/> as its input if given, and returns its exit code.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, string? standardInput = null)
    {
        await using var app = Start(args, environment);
        if (standardInput is not null)
        {
            await app._process.StandardInput.WriteLineAsync(standardInput);
            app._process.StandardInput.Close();
        }

        return await app.CompleteAsync(timeout);
    }

    /// <summary>Runs any program to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment,
        string workingDirectory, TimeSpan timeout)
    {
        await using var process = Start(fileName, args, environment, workingDirectory);
        return await process.CompleteAsync(timeout);
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> CompleteAsync(TimeSpan timeout)
    {
        var exitCode = await WaitForExitAsync(timeout);
        return (exitCode, Stdout, Stderr);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The app did not exit within {timeout}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }

        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    /// <summary>Polls <paramref name="url"/> until it answers 200; fails with the app's output if it exits or times out.</summary>
    public async Task WaitUntilReadyAsync(Uri url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The app exited with {_process.ExitCode} before it was ready.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
            }

            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{url} was not ready within {timeout}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
    }

    /// <summary>Sends SIGTERM, as Kubernetes and systemd do, and waits for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }
}
