namespace Slican.Cti.Voip.Rtp;

/// <summary>SDP media direction (RFC 3264 §6.1), used for hold and resume.</summary>
public enum MediaDirection
{
    /// <summary>Send and receive.</summary>
    SendRecv,

    /// <summary>Send only (we put the peer on hold with music, or we are the holding side).</summary>
    SendOnly,

    /// <summary>Receive only (the peer holds us).</summary>
    RecvOnly,

    /// <summary>Neither (both hold).</summary>
    Inactive,
}

/// <summary>Helpers for <see cref="MediaDirection"/>.</summary>
public static class MediaDirectionExtensions
{
    /// <summary>SDP attribute name.</summary>
    public static string ToSdp(this MediaDirection d) => d switch
    {
        MediaDirection.SendOnly => "sendonly",
        MediaDirection.RecvOnly => "recvonly",
        MediaDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    /// <summary>The direction the other side must answer with.</summary>
    public static MediaDirection Reverse(this MediaDirection d) => d switch
    {
        MediaDirection.SendOnly => MediaDirection.RecvOnly,
        MediaDirection.RecvOnly => MediaDirection.SendOnly,
        _ => d,
    };

    /// <summary>True if this side sends.</summary>
    public static bool Sends(this MediaDirection d) => d is MediaDirection.SendRecv or MediaDirection.SendOnly;

    /// <summary>True if this side receives.</summary>
    public static bool Receives(this MediaDirection d) => d is MediaDirection.SendRecv or MediaDirection.RecvOnly;
}
