namespace Slican.Cti.Doorphone.Media;

/// <summary>The video codecs the client depacketizes.</summary>
public enum VideoCodec
{
    /// <summary>H.264/AVC (RFC 6184); frames are Annex-B access units.</summary>
    H264,

    /// <summary>H.265/HEVC (RFC 7798); frames are Annex-B access units.</summary>
    H265,

    /// <summary>Motion JPEG (RFC 2435); every frame is a complete JPEG file.</summary>
    Jpeg,
}
