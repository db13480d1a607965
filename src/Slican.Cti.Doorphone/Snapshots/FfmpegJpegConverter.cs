using System.Diagnostics;
using Slican.Cti.Doorphone.Media;

namespace Slican.Cti.Doorphone.Snapshots;

/// <summary>
/// Turns an Annex-B key frame into a JPEG by running <c>ffmpeg</c> (optional: the SDK has no video decoder of its
/// own). The frame goes in on stdin and the JPEG comes back on stdout; nothing touches the disk.
/// </summary>
public sealed class FfmpegJpegConverter
{
    private readonly string _ffmpeg;

    /// <summary>Creates a converter for an ffmpeg executable.</summary>
    public FfmpegJpegConverter(string ffmpegPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(ffmpegPath);
        _ffmpeg = ffmpegPath;
    }

    /// <summary>Finds <c>ffmpeg</c> on PATH; null when it is not installed.</summary>
    public static string? FindOnPath()
    {
        string? path = Environment.GetEnvironmentVariable("PATH");
        if (path is null)
        {
            return null;
        }

        string name = OperatingSystem.IsWindows() ? "ffmpeg.exe" : "ffmpeg";
        foreach (string directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Decodes the key frame and encodes it as JPEG.</summary>
    /// <exception cref="InvalidOperationException">ffmpeg failed; the message has the end of its error output.</exception>
    public async Task<byte[]> ConvertAsync(ReadOnlyMemory<byte> annexB, VideoCodec codec, CancellationToken cancellationToken = default)
    {
        if (codec == VideoCodec.Jpeg)
        {
            return annexB.ToArray();
        }

        var info = new ProcessStartInfo(_ffmpeg)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-hide_banner", "-loglevel", "error", "-f", codec == VideoCodec.H264 ? "h264" : "hevc", "-i", "pipe:0", "-frames:v", "1", "-f", "image2", "-c:v", "mjpeg", "pipe:1" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {_ffmpeg}.");
        try
        {
            var output = new MemoryStream();
            var copyOut = process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardInput.BaseStream.WriteAsync(annexB, cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
            await copyOut.ConfigureAwait(false);
            string error = await errors.ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0 || output.Length == 0)
            {
                string tail = error.Length > 300 ? error[^300..] : error;
                throw new InvalidOperationException($"ffmpeg could not convert the key frame (exit code {process.ExitCode}): {tail.Trim()}");
            }

            return output.ToArray();
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
