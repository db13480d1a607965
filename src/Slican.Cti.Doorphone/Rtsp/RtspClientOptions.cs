using System.Text;

namespace Slican.Cti.Doorphone.Rtsp;

/// <summary>
/// Settings of one RTSP session. Immutable; derive variants with <c>with</c>. <see cref="ToString"/> never prints
/// credentials, not even those embedded in <see cref="Uri"/>.
/// </summary>
public sealed record RtspClientOptions
{
    /// <summary>The camera link, e.g. <c>rtsp://192.168.0.20:554/stream1</c> (port 554 when omitted). A <c>user:password@</c> part is used as credentials when <see cref="Credentials"/> is null and is never sent or logged as part of the URL.</summary>
    public required Uri Uri { get; init; }

    /// <summary>User name and password for Basic or Digest authentication; null = none (or those in <see cref="Uri"/>).</summary>
    public RtspCredentials? Credentials { get; init; }

    /// <summary>RTP over the RTSP TCP connection (default) or over UDP.</summary>
    public RtspTransport Transport { get; init; } = RtspTransport.Tcp;

    /// <summary>Limit for the TCP connect. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit for each RTSP request to be answered. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The session is considered dead when no RTP packet arrives for this long after PLAY. Default 10 s.</summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Keepalive period; null (default) = half the session timeout the camera announces (60 s when it announces none).</summary>
    public TimeSpan? KeepAliveInterval { get; init; }

    /// <summary>How often RTCP receiver reports are sent. Default 5 s (RFC 3550's minimum interval).</summary>
    public TimeSpan ReceiverReportInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest RTSP header block accepted from the camera. Default 16 KiB.</summary>
    public int MaxHeaderBytes { get; init; } = 16 * 1024;

    /// <summary>Largest RTSP body (the SDP) accepted. Default 64 KiB.</summary>
    public int MaxBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Largest reassembled video frame; bigger frames are discarded. Default 8 MiB.</summary>
    public int MaxFrameBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Frames buffered for a slow consumer; when full the oldest is dropped (and disposed). Default 16.</summary>
    public int FrameQueueCapacity { get; init; } = 16;

    /// <summary>Whether Basic authentication (password sent base64-encoded, readable on the network) may be answered. Default true because many cameras offer nothing else.</summary>
    public bool AllowBasicAuthentication { get; init; } = true;

    /// <summary>The User-Agent header. Default <c>Slican.Cti.Doorphone</c>.</summary>
    public string UserAgent { get; init; } = "Slican.Cti.Doorphone";

    /// <summary>Clock for timeouts, keepalive and reports; tests inject a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The credentials in effect: <see cref="Credentials"/>, else those of the URL.</summary>
    internal RtspCredentials? EffectiveCredentials => Credentials ?? RtspUrl.CredentialsOf(Uri);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Uri = ").Append(RtspUrl.Redact(Uri))
            .Append(", Credentials = ").Append(EffectiveCredentials is null ? "none" : "***")
            .Append(", Transport = ").Append(Transport);
        return true;
    }
}
