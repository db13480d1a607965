using Microsoft.Extensions.Logging;
using Slican.Cti.Doorphone.Media;
using Slican.Cti.Doorphone.Rtsp;

namespace Slican.Cti.Doorphone.Snapshots;

/// <summary>
/// Takes one picture from a camera: connects, waits for the first complete JPEG (MJPEG) or key frame
/// (H.264/H.265 IDR with its parameter sets, Annex-B), tears the session down, and, for H.264/H.265, converts to
/// JPEG with ffmpeg when it is installed and <see cref="SnapshotOptions.ConvertToJpeg"/> is set.
/// </summary>
public static class RtspSnapshot
{
    /// <summary>Takes a snapshot.</summary>
    /// <exception cref="RtspTimeoutException">No usable frame within <see cref="SnapshotOptions.Timeout"/> (Operation = <c>snapshot</c>).</exception>
    /// <exception cref="RtspException">Connecting or negotiating failed; the message says what to check.</exception>
    public static async Task<CameraSnapshot> TakeAsync(RtspClientOptions options, SnapshotOptions? snapshotOptions = null, ILogger<RtspClient>? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        snapshotOptions ??= new SnapshotOptions();
        using var timeout = new CancellationTokenSource(snapshotOptions.Timeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var client = new RtspClient(options with { FrameQueueCapacity = Math.Max(2, options.FrameQueueCapacity) }, logger);
        VideoFrame? frame = null;
        try
        {
            var info = await client.StartAsync(linked.Token).ConfigureAwait(false);
            while (true)
            {
                var next = await client.Frames.ReadAsync(linked.Token).ConfigureAwait(false);
                if (next.IsKeyFrame)
                {
                    frame = next;
                    break;
                }

                next.Dispose();
            }

            var format = info.Codec switch
            {
                VideoCodec.Jpeg => SnapshotFormat.Jpeg,
                VideoCodec.H264 => SnapshotFormat.H264AnnexB,
                _ => SnapshotFormat.H265AnnexB,
            };
            byte[] data = frame.ToArray();
            if (format != SnapshotFormat.Jpeg && snapshotOptions.ConvertToJpeg
                && (snapshotOptions.FfmpegPath ?? FfmpegJpegConverter.FindOnPath()) is { } ffmpeg)
            {
                data = await new FfmpegJpegConverter(ffmpeg).ConvertAsync(data, info.Codec, linked.Token).ConfigureAwait(false);
                format = SnapshotFormat.Jpeg;
            }

            return new CameraSnapshot(info.Codec, format, data, frame.Width, frame.Height, frame.ReceivedAt);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RtspTimeoutException("snapshot", snapshotOptions.Timeout,
                $"No complete picture from the camera {RtspUrl.Redact(options.Uri)} within {snapshotOptions.Timeout.TotalSeconds:0.#} s. For H.264/H.265 the camera's key-frame interval may be longer; raise SnapshotOptions.Timeout.");
        }
        catch (System.Threading.Channels.ChannelClosedException ex) when (ex.InnerException is RtspException inner)
        {
            throw inner;
        }
        finally
        {
            frame?.Dispose();
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }
}
