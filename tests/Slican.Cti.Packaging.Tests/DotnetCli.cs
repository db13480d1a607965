using System.Diagnostics;
using System.Text;

namespace Slican.Cti.Packaging.Tests;

/// <summary>
/// Runs the <c>dotnet</c> CLI as a child process with a clean MSBuild environment (the test host's MSBuild
/// variables would otherwise leak into the child build), no node reuse and no shared compiler server, so that nothing
/// outlives the test. A run that exceeds its time limit is killed with its whole process tree.
/// </summary>
internal static class DotnetCli
{
    /// <summary>Output of one finished <c>dotnet</c> command.</summary>
    internal sealed record Result(int ExitCode, string Output)
    {
        /// <summary>Throws with the command's whole output unless it exited 0.</summary>
        public Result EnsureSuccess(string what)
        {
            if (ExitCode != 0)
            {
                throw new InvalidOperationException($"{what} failed with exit code {ExitCode}:{Environment.NewLine}{Output}");
            }

            return this;
        }
    }

    public static async Task<Result> RunAsync(
        string workingDirectory, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment, TimeSpan timeLimit)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (string key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key is "MSBuildSDKsPath" or "MSBuildExtensionsPath" or "DOTNET_HOST_PATH")
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(timeLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException(
                $"`dotnet {string.Join(' ', args)}` did not finish within {timeLimit.TotalSeconds:0} s and was killed. Output so far:{Environment.NewLine}{Snapshot(output)}");
        }

        // The parameterless wait also drains the redirected streams.
        await process.WaitForExitAsync();
        return new Result(process.ExitCode, Snapshot(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
