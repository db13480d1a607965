namespace Slican.Cti.Doorphone.Snapshots;

/// <summary>What a <see cref="CameraSnapshot"/> holds.</summary>
public enum SnapshotFormat
{
    /// <summary>A JPEG file (from an MJPEG stream, or converted by ffmpeg).</summary>
    Jpeg,

    /// <summary>An H.264 key frame in Annex-B: SPS, PPS and the IDR picture, playable by any H.264 decoder.</summary>
    H264AnnexB,

    /// <summary>An H.265 key frame in Annex-B: VPS, SPS, PPS and the IRAP picture.</summary>
    H265AnnexB,
}
