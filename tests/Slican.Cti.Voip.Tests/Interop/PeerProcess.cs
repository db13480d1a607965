using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Slican.Cti.Voip.Tests.Interop;

/// <summary>An external SIP program (sipp, baresip, kamailio) started for a test and always killed on dispose.</summary>
internal sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly object _gate = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = new();

    private PeerProcess(Process process) => _process = process;

    /// <summary>A scratch directory (config, traces) deleted on dispose.</summary>
    public string? OwnedDirectory { get; set; }

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public static PeerProcess Start(string fileName, string arguments, string? workingDirectory = null, bool redirectInput = false)
    {
        var psi = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var peer = new PeerProcess(process);
        process.OutputDataReceived += (_, e) => peer.Append(e.Data);
        process.ErrorDataReceived += (_, e) => peer.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {fileName}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
            foreach (var w in _waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                w.Seen.TrySetResult();
                _waiters.Remove(w);
            }
        }
    }

    /// <summary>Waits until a line containing <paramref name="text"/> appears (including already seen output).</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((text, tcs));
        }

        return tcs.Task.WaitAsync(timeout);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_process.StartInfo.FileName} did not exit within {timeout}. Output:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(cts.Token);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (OperationCanceledException)
        {
        }

        _process.Dispose();
        if (OwnedDirectory is not null)
        {
            try
            {
                Directory.Delete(OwnedDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>A currently free loopback UDP port (and, if asked, TCP on the same number).</summary>
    public static int FreeUdpPort(bool alsoTcp = false)
    {
        for (int i = 0; i < 20; i++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            int port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            if (!alsoTcp)
            {
                return port;
            }

            try
            {
                using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("No free loopback port.");
    }

    /// <summary>A free even port with the next odd one also free (RTP/RTCP), for peers that need explicit media ports.</summary>
    public static int FreeRtpPort()
    {
        for (int i = 0; i < 50; i++)
        {
            int p = FreeUdpPort();
            if ((p & 1) == 1 || p > 65000)
            {
                continue;
            }

            try
            {
                using var a = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                a.Bind(new IPEndPoint(IPAddress.Loopback, p + 1));
                using var b = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                b.Bind(new IPEndPoint(IPAddress.Loopback, p + 2));
                using var c = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                c.Bind(new IPEndPoint(IPAddress.Loopback, p + 3));
                return p;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("No free RTP port pair.");
    }
}

/// <summary>Interop tests run one at a time: peers bind ports and load the 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InteropPeers
{
    public const string Name = "Interop with real SIP peers";
}
