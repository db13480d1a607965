using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Slican.Cti.Doorphone.Tests.Interop;

/// <summary>
/// The GStreamer test RTSP server (rtsp_server.py) as a child process on 127.0.0.1. Start waits for its READY line;
/// Dispose kills it (whole process tree) even when a test failed.
/// </summary>
internal sealed class RtspServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly System.Text.StringBuilder _stderr = new();

    private RtspServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string[] Mounts { get; private set; } = [];

    public Uri UriFor(string mount) => new($"rtsp://127.0.0.1:{Port}/{mount}");

    /// <summary>A free loopback port (bound and released; the server binds it right after).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<RtspServerProcess> StartAsync(int port, string? digest = null, string? basic = null)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Interop", "rtsp_server.py");
        var info = new ProcessStartInfo(GStreamer.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (digest is not null)
        {
            info.ArgumentList.Add("--digest");
            info.ArgumentList.Add(digest);
        }

        if (basic is not null)
        {
            info.ArgumentList.Add("--basic");
            info.ArgumentList.Add(basic);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the RTSP server.");
        var server = new RtspServerProcess(process, port);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (server._stderr)
                {
                    server._stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(ReadyTimeout);
            while (true)
            {
                string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    throw new InvalidOperationException($"The RTSP server exited before it was ready: {server.Stderr}");
                }

                if (line.StartsWith("READY ", StringComparison.Ordinal))
                {
                    server.Mounts = line.Split(' ')[2].Split(',');
                    return server;
                }
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
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

    /// <summary>Kills the server (as a crash would) and waits until it is gone.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(guard.Token);
        }
        catch (InvalidOperationException)
        {
        }
        finally
        {
            _process.Dispose();
        }
    }
}
