using System.Diagnostics;

namespace Monolith.Testing;

/// <summary>Runs a program of the machine (kubectl, promtool, pg_ctl…) to completion.</summary>
public static class ExternalCommand
{
    /// <summary>Returns the program's standard output; throws with its output when it exits non-zero.</summary>
    public static async Task<string> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"{program} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await output}{await error}");
        }

        return await output;
    }
}
