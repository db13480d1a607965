using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DoorCamera;

/// <summary>
/// For the demo only: a camera to point the emulator's doorphone at. It runs the GStreamer RTSP test server that the
/// Doorphone package's interop tests use (rtsp_server.py, copied next to the sample) on 127.0.0.1 with an MJPEG
/// stream and Digest authentication. A real doorphone's camera replaces all of this.
/// </summary>
internal sealed class DemoCamera : IAsyncDisposable
{
    private const string SystemPython = "/usr/bin/python3"; // a pyenv/virtualenv python3 usually has no GStreamer bindings
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _server;

    private DemoCamera(Process server, Uri uri)
    {
        _server = server;
        Uri = uri;
    }

    /// <summary>The MJPEG stream, without credentials.</summary>
    public Uri Uri { get; }

    /// <summary>
    /// Starts the server and waits for it to listen. Returns null with the reason when GStreamer (or its Python
    /// bindings) is not installed: the demo then goes on without pictures.
    /// </summary>
    public static async Task<(DemoCamera? Camera, string? Missing)> TryStartAsync(string user, string password, CancellationToken cancellationToken)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "DemoCamera", "rtsp_server.py");
        if (!File.Exists(SystemPython)) return (null, $"{SystemPython} not found");
        if (!File.Exists(script)) return (null, $"{script} not found");

        var start = new ProcessStartInfo(SystemPython) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { script, "0", "--digest", $"{user}:{password}" }) start.ArgumentList.Add(argument); // port 0: the server picks a free one
        var server = Process.Start(start)!;
        var errors = new StringBuilder();
        server.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (errors) errors.AppendLine(e.Data);
        };
        server.BeginErrorReadLine();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                // "READY <port> <mounts>" once it listens.
                string[] ready = line.Split(' ');
                if (ready is ["READY", var port, var mounts] && mounts.Split(',').Contains("/mjpeg"))
                {
                    return (new DemoCamera(server, new Uri($"rtsp://127.0.0.1:{int.Parse(port, CultureInfo.InvariantCulture)}/mjpeg")), null);
                }
            }

            await server.WaitForExitAsync(timeout.Token);
            string reason;
            lock (errors) reason = errors.ToString().Trim().Split('\n').LastOrDefault() ?? "no output";
            await KillAsync(server);
            return (null, "the GStreamer RTSP server did not start: " + reason);
        }
        catch
        {
            await KillAsync(server);
            throw;
        }
    }

    /// <summary>Stops the server.</summary>
    public ValueTask DisposeAsync() => new(KillAsync(_server));

    private static async Task KillAsync(Process server)
    {
        try
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
        finally
        {
            server.Dispose();
        }
    }
}
