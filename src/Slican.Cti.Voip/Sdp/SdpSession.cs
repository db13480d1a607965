using System.Globalization;
using System.Text;
using Slican.Cti.Voip.Rtp;

namespace Slican.Cti.Voip.Sdp;

/// <summary>The SDP is malformed or has no usable audio stream.</summary>
public sealed class SdpException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public SdpException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// The subset of SDP (RFC 4566) a G.711 phone needs: origin, connection address, one audio m-line with payload
/// types, rtpmap/fmtp, ptime and direction. Other lines are kept in <see cref="OtherLines"/>.
/// </summary>
public sealed class SdpSession
{
    /// <summary>Origin session id.</summary>
    public ulong SessionId { get; set; }

    /// <summary>Origin version; incremented on every changed offer (RFC 3264 §8).</summary>
    public ulong SessionVersion { get; set; }

    /// <summary>Origin address.</summary>
    public string OriginAddress { get; set; } = "0.0.0.0";

    /// <summary>Connection address of the audio stream (session or media level).</summary>
    public string ConnectionAddress { get; set; } = "0.0.0.0";

    /// <summary>Audio RTP port; 0 means the stream was rejected.</summary>
    public int AudioPort { get; set; }

    /// <summary>Explicit RTCP port (RFC 3605), or null for RTP port + 1.</summary>
    public int? RtcpPort { get; set; }

    /// <summary>Payload types on the m-line, in preference order.</summary>
    public List<byte> PayloadTypes { get; } = new();

    /// <summary>rtpmap encoding names by payload type (e.g. 101 → telephone-event/8000).</summary>
    public Dictionary<byte, string> RtpMaps { get; } = new();

    /// <summary>fmtp values by payload type.</summary>
    public Dictionary<byte, string> Fmtps { get; } = new();

    /// <summary>Direction attribute (session or media level); sendrecv when absent.</summary>
    public MediaDirection Direction { get; set; } = MediaDirection.SendRecv;

    /// <summary>ptime in ms, or null.</summary>
    public int? PacketTime { get; set; }

    /// <summary>Lines we do not interpret (kept for diagnostics).</summary>
    public List<string> OtherLines { get; } = new();

    /// <summary>True when the offer put us on hold the old RFC 2543 way (c=0.0.0.0).</summary>
    public bool IsNullConnection => ConnectionAddress == "0.0.0.0";

    /// <summary>Encoding name of a payload type (rtpmap, or the static table for 0 and 8).</summary>
    public string? EncodingOf(byte pt) => RtpMaps.TryGetValue(pt, out var map) ? map.Split('/')[0] : pt switch { 0 => "PCMU", 8 => "PCMA", _ => null };

    /// <summary>Parses SDP text.</summary>
    public static SdpSession Parse(string text)
    {
        var sdp = new SdpSession();
        bool inAudio = false, sawAudio = false, otherMedia = false;
        foreach (var rawLine in text.Split('\n'))
        {
            string line = rawLine.TrimEnd('\r');
            if (line.Length < 2 || line[1] != '=')
            {
                continue;
            }

            string value = line[2..];
            switch (line[0])
            {
                case 'o':
                    var o = value.Split(' ');
                    if (o.Length >= 6)
                    {
                        _ = ulong.TryParse(o[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong id);
                        _ = ulong.TryParse(o[2], NumberStyles.None, CultureInfo.InvariantCulture, out ulong ver);
                        sdp.SessionId = id;
                        sdp.SessionVersion = ver;
                        sdp.OriginAddress = o[5];
                    }

                    break;
                case 'c' when !otherMedia:
                    var c = value.Split(' ');
                    if (c.Length >= 3)
                    {
                        sdp.ConnectionAddress = c[2].Split('/')[0];
                    }

                    break;
                case 'm':
                    var m = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    inAudio = m.Length >= 3 && m[0] == "audio" && !sawAudio;
                    otherMedia = !inAudio && sawAudio;
                    if (inAudio)
                    {
                        sawAudio = true;
                        if (!int.TryParse(m[1].Split('/')[0], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
                        {
                            throw new SdpException($"audio port '{m[1]}' is not a number");
                        }

                        sdp.AudioPort = port;
                        foreach (var f in m.Skip(3))
                        {
                            if (byte.TryParse(f, NumberStyles.None, CultureInfo.InvariantCulture, out byte pt) && pt < 128)
                            {
                                sdp.PayloadTypes.Add(pt);
                            }
                        }
                    }

                    break;
                case 'a' when inAudio || !sawAudio:
                    sdp.ParseAttribute(value);
                    break;
                default:
                    sdp.OtherLines.Add(line);
                    break;
            }
        }

        if (!sawAudio)
        {
            throw new SdpException("no m=audio line");
        }

        return sdp;
    }

    private void ParseAttribute(string value)
    {
        int colon = value.IndexOf(':');
        string name = colon < 0 ? value : value[..colon];
        string arg = colon < 0 ? string.Empty : value[(colon + 1)..];
        switch (name)
        {
            case "sendrecv": Direction = MediaDirection.SendRecv; break;
            case "sendonly": Direction = MediaDirection.SendOnly; break;
            case "recvonly": Direction = MediaDirection.RecvOnly; break;
            case "inactive": Direction = MediaDirection.Inactive; break;
            case "ptime" when int.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out int pt): PacketTime = pt; break;
            case "rtcp" when int.TryParse(arg.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out int rp): RtcpPort = rp; break;
            case "rtpmap" or "fmtp":
                int space = arg.IndexOf(' ');
                if (space > 0 && byte.TryParse(arg[..space], NumberStyles.None, CultureInfo.InvariantCulture, out byte p))
                {
                    (name == "rtpmap" ? RtpMaps : Fmtps)[p] = arg[(space + 1)..].Trim();
                }

                break;
            default:
                OtherLines.Add("a=" + value);
                break;
        }
    }

    /// <summary>Serializes to SDP text with CRLF line ends.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        string ipVersion = ConnectionAddress.Contains(':', StringComparison.Ordinal) ? "IP6" : "IP4";
        sb.Append("v=0\r\n");
        sb.Append(CultureInfo.InvariantCulture, $"o=slican {SessionId} {SessionVersion} IN {ipVersion} {OriginAddress}\r\n");
        sb.Append("s=Slican.Cti.Voip\r\n");
        sb.Append(CultureInfo.InvariantCulture, $"c=IN {ipVersion} {ConnectionAddress}\r\n");
        sb.Append("t=0 0\r\n");
        sb.Append(CultureInfo.InvariantCulture, $"m=audio {AudioPort} RTP/AVP {string.Join(' ', PayloadTypes)}\r\n");
        foreach (byte pt in PayloadTypes)
        {
            if (RtpMaps.TryGetValue(pt, out var map))
            {
                sb.Append(CultureInfo.InvariantCulture, $"a=rtpmap:{pt} {map}\r\n");
            }

            if (Fmtps.TryGetValue(pt, out var fmtp))
            {
                sb.Append(CultureInfo.InvariantCulture, $"a=fmtp:{pt} {fmtp}\r\n");
            }
        }

        if (PacketTime is { } ptime)
        {
            sb.Append(CultureInfo.InvariantCulture, $"a=ptime:{ptime}\r\n");
        }

        sb.Append("a=").Append(Direction.ToSdp()).Append("\r\n");
        return sb.ToString();
    }
}

/// <summary>RFC 3264 offer/answer for G.711 with telephone-event.</summary>
public static class SdpNegotiator
{
    /// <summary>Dynamic payload type we offer for telephone-event.</summary>
    public const byte DefaultTelephoneEventPt = 101;

    /// <summary>Builds an offer listing the codecs in preference order, plus telephone-event 0-15.</summary>
    public static SdpSession CreateOffer(string address, int port, IReadOnlyList<Media.G711Law> codecs, MediaDirection direction, ulong sessionId, ulong version)
    {
        var sdp = new SdpSession { SessionId = sessionId, SessionVersion = version, OriginAddress = address, ConnectionAddress = address, AudioPort = port, Direction = direction, PacketTime = 20 };
        foreach (var codec in codecs)
        {
            sdp.PayloadTypes.Add((byte)codec);
            sdp.RtpMaps[(byte)codec] = codec == Media.G711Law.ALaw ? "PCMA/8000" : "PCMU/8000";
        }

        sdp.PayloadTypes.Add(DefaultTelephoneEventPt);
        sdp.RtpMaps[DefaultTelephoneEventPt] = "telephone-event/8000";
        sdp.Fmtps[DefaultTelephoneEventPt] = "0-15";
        return sdp;
    }

    /// <summary>Picks the codec and telephone-event payload type from the peer's SDP (offer or answer).</summary>
    /// <returns>The codec, or null when nothing is common.</returns>
    public static (Media.G711Law? Codec, byte? TelephoneEvent) Select(SdpSession remote, IReadOnlyList<Media.G711Law> supported)
    {
        Media.G711Law? codec = null;
        foreach (byte pt in remote.PayloadTypes)
        {
            string? enc = remote.EncodingOf(pt);
            if (pt == 0 && string.Equals(enc, "PCMU", StringComparison.OrdinalIgnoreCase) && supported.Contains(Media.G711Law.MuLaw))
            {
                codec = Media.G711Law.MuLaw;
                break;
            }

            if (pt == 8 && string.Equals(enc, "PCMA", StringComparison.OrdinalIgnoreCase) && supported.Contains(Media.G711Law.ALaw))
            {
                codec = Media.G711Law.ALaw;
                break;
            }
        }

        byte? te = null;
        foreach (byte pt in remote.PayloadTypes)
        {
            if (string.Equals(remote.EncodingOf(pt), "telephone-event", StringComparison.OrdinalIgnoreCase))
            {
                te = pt;
                break;
            }
        }

        return (codec, te);
    }

    /// <summary>Builds the answer to an offer: the chosen codec, telephone-event if offered, reversed direction.</summary>
    public static SdpSession CreateAnswer(SdpSession offer, string address, int port, Media.G711Law codec, byte? telephoneEvent, MediaDirection localDirection, ulong sessionId, ulong version)
    {
        var answerDirection = Combine(offer.Direction.Reverse(), localDirection);
        var sdp = new SdpSession { SessionId = sessionId, SessionVersion = version, OriginAddress = address, ConnectionAddress = address, AudioPort = port, Direction = answerDirection, PacketTime = 20 };
        sdp.PayloadTypes.Add((byte)codec);
        sdp.RtpMaps[(byte)codec] = codec == Media.G711Law.ALaw ? "PCMA/8000" : "PCMU/8000";
        if (telephoneEvent is { } te)
        {
            sdp.PayloadTypes.Add(te);
            sdp.RtpMaps[te] = "telephone-event/8000";
            sdp.Fmtps[te] = "0-15";
        }

        return sdp;
    }

    /// <summary>
    /// The direction to offer in a re-INVITE (RFC 3264 §8.4): what we want, limited by the far end's hold. While the
    /// far end holds us we cannot receive, so holding it too offers inactive (not sendonly) and resuming offers
    /// recvonly until it resumes us.
    /// </summary>
    /// <param name="wanted">SendOnly to hold, SendRecv to resume.</param>
    /// <param name="remoteHold">True while the far end's last offer held us.</param>
    public static MediaDirection ReofferDirection(MediaDirection wanted, bool remoteHold) =>
        remoteHold ? Combine(MediaDirection.RecvOnly, wanted) : wanted;

    /// <summary>Intersection of what the offer allows and what we want.</summary>
    public static MediaDirection Combine(MediaDirection allowed, MediaDirection wanted)
    {
        bool send = allowed.Sends() && wanted.Sends();
        bool recv = allowed.Receives() && wanted.Receives();
        return send && recv ? MediaDirection.SendRecv : send ? MediaDirection.SendOnly : recv ? MediaDirection.RecvOnly : MediaDirection.Inactive;
    }
}
