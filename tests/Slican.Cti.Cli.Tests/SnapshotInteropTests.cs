using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Slican.Cti.Doorphone.Tests.Interop;

namespace Slican.Cti.Cli.Tests;

/// <summary><c>slican-cti snapshot</c> against the GStreamer test server: the saved file is a JPEG.</summary>
public sealed class SnapshotInteropTests : IDisposable
{
    private static readonly string s_tool = Path.Combine(AppContext.BaseDirectory, "slican-cti.dll");
    private readonly string _directory = Directory.CreateTempSubdirectory("slican-cli-snapshot-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [GStreamerFact]
    public async Task Snapshot_saves_a_jpeg_from_an_mjpeg_camera_with_digest()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var serverInfo = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "Interop", "rtsp_server.py"), port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--digest", "viewer:s3cr3t" })
        {
            serverInfo.ArgumentList.Add(argument);
        }

        using var server = Process.Start(serverInfo)!;
        try
        {
            using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            string? line;
            do
            {
                line = await server.StandardOutput.ReadLineAsync(ready.Token);
            }
            while (line is not null && !line.StartsWith("READY", StringComparison.Ordinal));
            Assert.NotNull(line);

            string output = Path.Combine(_directory, "door.jpg");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string argument in new[] { s_tool, "snapshot", $"rtsp://127.0.0.1:{port}/mjpeg", "-o", output, "--user", "viewer", "--timeout", "60" })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["SLICAN_CTI_CAMERA_PASSWORD"] = "s3cr3t";
            using var cli = Process.Start(start)!;
            var stderr = cli.StandardError.ReadToEndAsync();
            await cli.StandardOutput.ReadToEndAsync();
            await cli.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
            string progress = await stderr;
            Assert.True(cli.ExitCode == 0, progress);
            Assert.Contains("Saved Jpeg 640x360", progress, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cr3t", progress, StringComparison.Ordinal);
            byte[] jpeg = await File.ReadAllBytesAsync(output);
            Assert.Equal(new byte[] { 0xFF, 0xD8 }, jpeg[..2]);
            Assert.Equal(new byte[] { 0xFF, 0xD9 }, jpeg[^2..]);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
