using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Slican.Cti.Cli.Tests;

/// <summary>Runs <c>slican-cti emulator</c> as a process, logs in over XCTIP and stops it with SIGTERM.</summary>
public class EmulatorCommandTests
{
    [Fact]
    public async Task Emulator_prints_its_ports_and_accounts_serves_a_login_and_saves_the_world_on_stop()
    {
        string save = Path.Combine(Path.GetTempPath(), $"slican-world-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "slican-cti.dll"), "emulator", "--xctip-port", "0", "--tls-port", "-1", "--ctip-port", "0", "--save-config", save })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            var banner = new StringBuilder();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (!banner.ToString().Contains("Ctrl+C", StringComparison.Ordinal))
            {
                string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                Assert.NotNull(line);
                banner.AppendLine(line);
            }

            string text = banner.ToString();
            Assert.Contains("201", text, StringComparison.Ordinal);
            Assert.Contains("Application not allowed", text, StringComparison.Ordinal);
            int port = int.Parse(Regex.Match(text, @"XCTIP\s+127\.0\.0\.1:(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Matches(@"CTIP\s+127\.0\.0\.1:\d+", text);

            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", port);
            var stream = tcp.GetStream();
            await stream.WriteAsync("<XCTIP><Log><MakeLog><CId>1</CId><Login>201</Login><Pass>1234</Pass></MakeLog></Log></XCTIP>"u8.ToArray());
            var received = new StringBuilder();
            var buffer = new byte[4096];
            while (!received.ToString().Contains("</Answer>", StringComparison.Ordinal))
            {
                int n = await stream.ReadAsync(buffer, timeout.Token);
                Assert.True(n > 0);
                received.Append(Encoding.Latin1.GetString(buffer, 0, n));
            }

            Assert.Contains("<Number>201</Number>", received.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("<Error>", received.ToString(), StringComparison.Ordinal);

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(timeout.Token);
            }

            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("\"extension\": \"201\"", await File.ReadAllTextAsync(save, timeout.Token), StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            File.Delete(save);
        }
    }
}
