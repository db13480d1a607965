using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace Slican.Cti.Cli.Tests;

/// <summary>
/// The real <c>slican-cti</c> tool running as a process, with its stdout and stderr readable line by line while it
/// runs (for <c>watch</c> and <c>--listen</c>) and collected in full; killed on dispose if still running.
/// </summary>
internal sealed class ToolProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_guard = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly Channel<string> _stdoutLines = Channel.CreateUnbounded<string>();
    private readonly Channel<string> _stderrLines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _readers;

    private ToolProcess(Process process)
    {
        _process = process;
        _readers = Task.WhenAll(Pump(process.StandardOutput, _stdout, _stdoutLines), Pump(process.StandardError, _stderr, _stderrLines));
    }

    public static ToolProcess Start(IEnumerable<string> args, IDictionary<string, string>? environment = null, string? stdin = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "slican-cti.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("SLICAN_CTI_PASSWORD");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        return new ToolProcess(process);
    }

    /// <summary>Runs the tool to completion.</summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null, string? stdin = null)
    {
        await using var tool = Start(args, environment, stdin);
        int exit = await tool.WaitForExitAsync();
        return (exit, tool.Stdout, tool.Stderr);
    }

    /// <summary>Connection arguments for an emulator started by the test.</summary>
    public static string[] Connect(Slican.Cti.Testing.PbxEmulator pbx, string user = "201", string password = "1234") =>
        ["--host", "127.0.0.1", "--port", pbx.XctipEndPoint.Port.ToString(CultureInfo.InvariantCulture), "--user", user, "--password", password];

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public Task<string> StdoutLineAsync(Func<string, bool> match) => LineAsync(_stdoutLines, match, "stdout");

    public Task<string> StderrLineAsync(Func<string, bool> match) => LineAsync(_stderrLines, match, "stderr");

    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(s_guard);
        await _readers.WaitAsync(s_guard);
        return _process.ExitCode;
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

    private async Task<string> LineAsync(Channel<string> lines, Func<string, bool> match, string stream)
    {
        using var guard = new CancellationTokenSource(s_guard);
        try
        {
            await foreach (var line in lines.Reader.ReadAllAsync(guard.Token))
            {
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new Xunit.Sdk.XunitException($"no matching line on {stream}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
    }

    private static async Task Pump(StreamReader reader, StringBuilder all, Channel<string> lines)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (all)
            {
                all.AppendLine(line);
            }

            lines.Writer.TryWrite(line);
        }

        lines.Writer.TryComplete();
    }
}
