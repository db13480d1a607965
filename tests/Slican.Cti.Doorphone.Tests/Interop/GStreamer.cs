using System.Diagnostics;

namespace Slican.Cti.Doorphone.Tests.Interop;

/// <summary>What of GStreamer is installed; interop tests skip (with the reason) when a piece is missing.</summary>
internal static class GStreamer
{
    public const string Python = "/usr/bin/python3";

    /// <summary>Request timeout for interop sessions: the server builds its encoder pipeline on the first DESCRIBE, which is slow on a loaded machine.</summary>
    public static readonly TimeSpan Slow = TimeSpan.FromSeconds(30);

    private static readonly Lazy<bool> ServerAvailable = new(() =>
        File.Exists(Python) && Run(Python, "-c \"import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer\"") == 0
        && HasElement("x264enc") && HasElement("jpegenc") && HasElement("rtph264pay") && HasElement("rtpjpegpay"));

    public static bool CanServe => ServerAvailable.Value;

    public static string? MissingServerReason => CanServe ? null : "GStreamer RTSP server not installed (needs /usr/bin/python3 with gi, gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-{base,good,ugly})";

    public static bool HasElement(string name) => Run("gst-inspect-1.0", name) == 0;

    /// <summary>Runs a command to completion (with a generous guard) and returns its exit code; -1 when it cannot start.</summary>
    public static int Run(string file, string arguments, TimeSpan? timeout = null)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return -1;
            }

            process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                return -2;
            }

            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}

/// <summary>A [Fact] that is skipped when the GStreamer RTSP server (or an extra element it names) cannot run here.</summary>
public sealed class GStreamerFactAttribute : FactAttribute
{
    /// <summary>Sets Skip when GStreamer or one of <paramref name="elements"/> is missing.</summary>
    /// <param name="elements">Extra GStreamer elements the test needs, e.g. x265enc (gstreamer1.0-plugins-bad).</param>
    public GStreamerFactAttribute(params string[] elements)
    {
        // CI installs the peers and sets this, so a missing install step fails the tests instead of skipping them.
        if (Environment.GetEnvironmentVariable("SLICAN_CTI_REQUIRE_PEERS") == "1")
        {
            return;
        }

        if (!GStreamer.CanServe)
        {
            Skip = GStreamer.MissingServerReason;
            return;
        }

        string[] missing = elements.Where(e => !GStreamer.HasElement(e)).ToArray();
        if (missing.Length > 0)
        {
            Skip = $"GStreamer element(s) {string.Join(", ", missing)} not installed (Debian: gstreamer1.0-plugins-bad)";
        }
    }
}
