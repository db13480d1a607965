using Slican.Cti.Doorphone.Media;

namespace Slican.Cti.Doorphone.Snapshots;

/// <summary>One still picture from a camera. Owns a private copy of its bytes.</summary>
public sealed class CameraSnapshot
{
    internal CameraSnapshot(VideoCodec codec, SnapshotFormat format, byte[] data, int width, int height, DateTimeOffset takenAt)
    {
        Codec = codec;
        Format = format;
        Data = data;
        Width = width;
        Height = height;
        TakenAt = takenAt;
    }

    /// <summary>The codec of the stream it came from.</summary>
    public VideoCodec Codec { get; }

    /// <summary>JPEG or an Annex-B key frame.</summary>
    public SnapshotFormat Format { get; }

    /// <summary>The file bytes.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Width when known (MJPEG), else 0.</summary>
    public int Width { get; }

    /// <summary>Height when known (MJPEG), else 0.</summary>
    public int Height { get; }

    /// <summary>When the frame arrived.</summary>
    public DateTimeOffset TakenAt { get; }

    /// <summary>The usual file extension for <see cref="Format"/>: <c>.jpg</c>, <c>.h264</c> or <c>.h265</c>.</summary>
    public string FileExtension => Format switch
    {
        SnapshotFormat.Jpeg => ".jpg",
        SnapshotFormat.H264AnnexB => ".h264",
        _ => ".h265",
    };

    /// <summary>Writes the bytes to a file (replacing it).</summary>
    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            await file.WriteAsync(Data, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Format and size.</summary>
    public override string ToString() => $"{Format} snapshot, {Data.Length} bytes";
}
