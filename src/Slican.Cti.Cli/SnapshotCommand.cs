using System.CommandLine;
using Slican.Cti.Doorphone.Rtsp;
using Slican.Cti.Doorphone.Snapshots;

namespace Slican.Cti.Cli;

/// <summary><c>slican-cti snapshot</c>: one picture from an RTSP camera (a DPH.IP doorphone or any other), saved to a file.</summary>
internal static class SnapshotCommand
{
    /// <summary>Cannot connect, or the camera answered with an error (sysexits EX_UNAVAILABLE).</summary>
    public const int ExitUnavailable = 69;

    /// <summary>The output file cannot be written (EX_CANTCREAT).</summary>
    public const int ExitCannotCreate = 73;

    /// <summary>No answer or no picture in time (EX_TEMPFAIL: worth retrying).</summary>
    public const int ExitTimeout = 75;

    /// <summary>The camera sent something invalid, or redirected to another host (EX_PROTOCOL).</summary>
    public const int ExitProtocol = 76;

    /// <summary>Authentication failed (EX_NOPERM).</summary>
    public const int ExitAuthentication = 77;

    /// <summary>The environment variable read when --password is not given, so the password stays out of the process list and shell history.</summary>
    public const string PasswordVariable = "SLICAN_CTI_CAMERA_PASSWORD";

    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "The camera link, e.g. rtsp://192.168.0.20:554/stream1 (user:password@ in the URL works too, but is visible to other users of this machine)." };
        var output = new Option<string?>("--output", "-o") { Description = "The file to write. Default: snapshot.jpg (or .h264/.h265 when the camera sends H.264/H.265 and ffmpeg is not installed; the extension is then adjusted)." };
        var user = new Option<string?>("--user", "-u") { Description = "Camera user name." };
        var password = new Option<string?>("--password", "-p") { Description = $"Camera password. Prefer the {PasswordVariable} environment variable." };
        var transport = new Option<string>("--transport", "-t") { Description = "tcp (RTP inside the RTSP connection; works through NAT and port forwarding) or udp.", DefaultValueFactory = _ => "tcp" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for a complete picture, including connecting.", DefaultValueFactory = _ => 15 };
        var raw = new Option<bool>("--no-convert") { Description = "Keep H.264/H.265 key frames as Annex-B even when ffmpeg is installed." };
        var command = new Command("snapshot", "Save one picture from an RTSP camera: a JPEG from MJPEG cameras; from H.264/H.265 cameras the key frame as Annex-B, or a JPEG when ffmpeg is installed. Progress goes to stderr. Exit codes: 0 saved, 64 usage, 69 unreachable or refused, 73 cannot write, 75 timeout, 76 protocol error, 77 authentication failed.")
        {
            url, output, user, password, transport, timeout, raw,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var err = Console.Error;
            if (!Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out var uri) || !uri.Scheme.Equals("rtsp", StringComparison.OrdinalIgnoreCase))
            {
                await err.WriteLineAsync("slican-cti: the camera link must be an rtsp:// URL.").ConfigureAwait(false);
                return DecodeCommand.ExitUsage;
            }

            string transportName = result.GetValue(transport)!;
            RtspTransport mode;
            if (transportName.Equals("tcp", StringComparison.OrdinalIgnoreCase))
            {
                mode = RtspTransport.Tcp;
            }
            else if (transportName.Equals("udp", StringComparison.OrdinalIgnoreCase))
            {
                mode = RtspTransport.Udp;
            }
            else
            {
                await err.WriteLineAsync($"slican-cti: unknown transport '{transportName}': use tcp or udp.").ConfigureAwait(false);
                return DecodeCommand.ExitUsage;
            }

            double seconds = result.GetValue(timeout);
            if (seconds <= 0 || seconds > 3600)
            {
                await err.WriteLineAsync("slican-cti: --timeout must be between 0 and 3600 seconds.").ConfigureAwait(false);
                return DecodeCommand.ExitUsage;
            }

            string? userName = result.GetValue(user);
            string? secret = result.GetValue(password) ?? Environment.GetEnvironmentVariable(PasswordVariable);
            RtspCredentials? credentials = userName is null ? null : new RtspCredentials(userName, secret ?? string.Empty);
            var options = new RtspClientOptions
            {
                Uri = uri,
                Credentials = credentials,
                Transport = mode,
                ConnectTimeout = TimeSpan.FromSeconds(Math.Min(10, seconds)),
                RequestTimeout = TimeSpan.FromSeconds(Math.Min(10, seconds)),
            };
            var snapshotOptions = new SnapshotOptions { Timeout = TimeSpan.FromSeconds(seconds), ConvertToJpeg = !result.GetValue(raw) };

            await err.WriteLineAsync($"Connecting to {RtspUrl.Redact(uri)} over {mode.ToString().ToUpperInvariant()}...").ConfigureAwait(false);
            CameraSnapshot snapshot;
            try
            {
                snapshot = await RtspSnapshot.TakeAsync(options, snapshotOptions, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RtspException ex)
            {
                await err.WriteLineAsync($"slican-cti: {ex.Message}").ConfigureAwait(false);
                return ex switch
                {
                    RtspTimeoutException => ExitTimeout,
                    RtspAuthenticationException => ExitAuthentication,
                    RtspProtocolException or RtspSecurityException => ExitProtocol,
                    _ => ExitUnavailable,
                };
            }
            catch (InvalidOperationException ex)
            {
                // ffmpeg failed to convert.
                await err.WriteLineAsync($"slican-cti: {ex.Message} Use --no-convert to keep the key frame.").ConfigureAwait(false);
                return ExitUnavailable;
            }

            string path = result.GetValue(output) ?? "snapshot" + snapshot.FileExtension;
            if (!path.EndsWith(snapshot.FileExtension, StringComparison.OrdinalIgnoreCase)
                && !(snapshot.Format == SnapshotFormat.Jpeg && path.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase)))
            {
                string adjusted = Path.ChangeExtension(path, snapshot.FileExtension);
                await err.WriteLineAsync($"The camera sends {snapshot.Codec}{(snapshot.Format == SnapshotFormat.Jpeg ? string.Empty : " and ffmpeg is not installed (or --no-convert)")}: writing {snapshot.Format} to {adjusted} instead of {path}.").ConfigureAwait(false);
                path = adjusted;
            }

            try
            {
                await snapshot.SaveAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await err.WriteLineAsync($"slican-cti: cannot write '{path}': {ex.Message}").ConfigureAwait(false);
                return ExitCannotCreate;
            }

            string size = snapshot.Width > 0 ? $" {snapshot.Width}x{snapshot.Height}" : string.Empty;
            await err.WriteLineAsync($"Saved {snapshot.Format}{size} ({snapshot.Data.Length} bytes) to {path}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
