namespace Slican.Cti.Doorphone.Snapshots;

/// <summary>How <see cref="RtspSnapshot"/> takes a picture.</summary>
public sealed record SnapshotOptions
{
    /// <summary>Limit for connecting and receiving the first usable frame. Default 15 s (H.264 cameras often send a key frame only every 2–4 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Convert H.264/H.265 key frames to JPEG when ffmpeg is available. Default true; without ffmpeg the Annex-B key frame is returned.</summary>
    public bool ConvertToJpeg { get; init; } = true;

    /// <summary>The ffmpeg executable; null (default) = look for <c>ffmpeg</c> on PATH.</summary>
    public string? FfmpegPath { get; init; }
}
