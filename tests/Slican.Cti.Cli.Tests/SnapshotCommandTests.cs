using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Slican.Cti.Cli.Tests;

/// <summary><c>slican-cti snapshot</c> exit codes that scripts rely on (the picture itself is proven in the Doorphone interop tests).</summary>
public class SnapshotCommandTests
{
    private static readonly string s_tool = Path.Combine(AppContext.BaseDirectory, "slican-cti.dll");

    private static async Task<(int Exit, string Stderr)> Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(s_tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await output;
        return (process.ExitCode, await error);
    }

    [Theory]
    [InlineData("http://127.0.0.1/x")]
    [InlineData("not a url")]
    public async Task A_non_rtsp_link_is_a_usage_error(string url)
    {
        var (exit, stderr) = await Run("snapshot", url);
        Assert.Equal(64, exit);
        Assert.Contains("rtsp://", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_transport_is_a_usage_error()
    {
        var (exit, _) = await Run("snapshot", "rtsp://127.0.0.1:1/x", "--transport", "sctp");
        Assert.Equal(64, exit);
    }

    [Fact]
    public async Task A_refused_connection_exits_69_and_never_prints_the_password()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var (exit, stderr) = await Run("snapshot", $"rtsp://admin:s3cr3t@127.0.0.1:{port}/stream1", "--timeout", "5");
        Assert.Equal(69, exit);
        Assert.Contains("Could not connect", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("admin", stderr, StringComparison.Ordinal);
    }
}
