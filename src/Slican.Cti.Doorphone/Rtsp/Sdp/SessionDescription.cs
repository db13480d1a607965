using System.Globalization;

namespace Slican.Cti.Doorphone.Rtsp.Sdp;

/// <summary>The parts of an SDP (RFC 8866) session description an RTSP client needs: media, formats and control URLs.</summary>
public sealed class SessionDescription
{
    private const int MaxLines = 1024;
    private const int MaxMedia = 16;

    private SessionDescription(string? name, string? control, IReadOnlyList<MediaDescription> media)
    {
        Name = name;
        Control = control;
        Media = media;
    }

    /// <summary>The <c>s=</c> line.</summary>
    public string? Name { get; }

    /// <summary>The session-level <c>a=control</c> (often <c>*</c>), or null.</summary>
    public string? Control { get; }

    /// <summary>The <c>m=</c> sections in order.</summary>
    public IReadOnlyList<MediaDescription> Media { get; }

    /// <summary>Parses SDP text; throws <see cref="RtspProtocolException"/> on structure errors or when limits are exceeded.</summary>
    public static SessionDescription Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? name = null;
        string? sessionControl = null;
        var media = new List<MediaDescription>();
        MediaDescription.Builder? current = null;
        int lineCount = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            string line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (++lineCount > MaxLines)
            {
                throw new RtspProtocolException($"The camera sent an SDP with more than {MaxLines} lines.");
            }

            if (line.Length < 2 || line[1] != '=')
            {
                throw new RtspProtocolException("The camera sent an SDP line that is not of the form x=value.");
            }

            char type = line[0];
            string value = line[2..];
            switch (type)
            {
                case 's':
                    name ??= value;
                    break;
                case 'm':
                    if (current is not null)
                    {
                        media.Add(current.Build());
                    }

                    if (media.Count >= MaxMedia)
                    {
                        throw new RtspProtocolException($"The camera sent an SDP with more than {MaxMedia} media sections.");
                    }

                    current = MediaDescription.Builder.FromMediaLine(value);
                    break;
                case 'a':
                    int colon = value.IndexOf(':', StringComparison.Ordinal);
                    string attribute = colon < 0 ? value : value[..colon];
                    string attributeValue = colon < 0 ? string.Empty : value[(colon + 1)..];
                    if (current is null)
                    {
                        if (attribute.Equals("control", StringComparison.OrdinalIgnoreCase))
                        {
                            sessionControl = attributeValue.Trim();
                        }
                    }
                    else
                    {
                        current.AddAttribute(attribute, attributeValue);
                    }

                    break;
            }
        }

        if (current is not null)
        {
            media.Add(current.Build());
        }

        return new SessionDescription(name, sessionControl, media);
    }
}

/// <summary>One <c>m=</c> section.</summary>
public sealed class MediaDescription
{
    private MediaDescription(string mediaType, int port, string protocol, IReadOnlyList<RtpFormat> formats, string? control)
    {
        MediaType = mediaType;
        Port = port;
        Protocol = protocol;
        Formats = formats;
        Control = control;
    }

    /// <summary><c>video</c>, <c>audio</c>, <c>application</c>...</summary>
    public string MediaType { get; }

    /// <summary>The port of the m-line (0 in RTSP).</summary>
    public int Port { get; }

    /// <summary>The transport, normally <c>RTP/AVP</c>.</summary>
    public string Protocol { get; }

    /// <summary>Payload formats in preference order.</summary>
    public IReadOnlyList<RtpFormat> Formats { get; }

    /// <summary>The media-level <c>a=control</c>, or null.</summary>
    public string? Control { get; }

    internal sealed class Builder
    {
        private readonly string _mediaType;
        private readonly int _port;
        private readonly string _protocol;
        private readonly List<int> _payloadTypes;
        private readonly Dictionary<int, (string Name, int ClockRate)> _rtpMaps = [];
        private readonly Dictionary<int, string> _fmtp = [];
        private string? _control;

        private Builder(string mediaType, int port, string protocol, List<int> payloadTypes)
        {
            _mediaType = mediaType;
            _port = port;
            _protocol = protocol;
            _payloadTypes = payloadTypes;
        }

        public static Builder FromMediaLine(string value)
        {
            var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 4)
            {
                throw new RtspProtocolException("The camera sent an SDP m= line with fewer than four fields.");
            }

            string portText = parts[1];
            int slash = portText.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                portText = portText[..slash];
            }

            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
            {
                throw new RtspProtocolException("The camera sent an SDP m= line with an invalid port.");
            }

            var payloadTypes = new List<int>();
            for (int i = 3; i < parts.Length && payloadTypes.Count < 32; i++)
            {
                if (int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out int pt) && pt <= 127)
                {
                    payloadTypes.Add(pt);
                }
            }

            return new Builder(parts[0], port, parts[2], payloadTypes);
        }

        public void AddAttribute(string name, string value)
        {
            if (name.Equals("control", StringComparison.OrdinalIgnoreCase))
            {
                _control = value.Trim();
            }
            else if (name.Equals("rtpmap", StringComparison.OrdinalIgnoreCase))
            {
                // a=rtpmap:<pt> <encoding>/<clock>[/<channels>]
                var parts = value.Trim().Split(' ', 2);
                if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pt))
                {
                    var encoding = parts[1].Split('/');
                    int clock = encoding.Length > 1 && int.TryParse(encoding[1], NumberStyles.None, CultureInfo.InvariantCulture, out int c) ? c : 90000;
                    _rtpMaps[pt] = (encoding[0].Trim(), clock);
                }
            }
            else if (name.Equals("fmtp", StringComparison.OrdinalIgnoreCase))
            {
                var parts = value.Trim().Split(' ', 2);
                if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pt))
                {
                    _fmtp[pt] = parts[1];
                }
            }
        }

        public MediaDescription Build()
        {
            var formats = new List<RtpFormat>();
            foreach (int pt in _payloadTypes)
            {
                string name;
                int clock;
                if (_rtpMaps.TryGetValue(pt, out var map))
                {
                    (name, clock) = map;
                }
                else if (pt == 26)
                {
                    (name, clock) = ("JPEG", 90000);
                }
                else
                {
                    (name, clock) = (string.Empty, 90000);
                }

                formats.Add(new RtpFormat(pt, name, clock, ParseFormatParameters(_fmtp.GetValueOrDefault(pt))));
            }

            return new MediaDescription(_mediaType, _port, _protocol, formats, _control);
        }

        private static Dictionary<string, string> ParseFormatParameters(string? text)
        {
            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (text is null)
            {
                return parameters;
            }

            foreach (var item in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int eq = item.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0 && parameters.Count < 64)
                {
                    parameters[item[..eq].Trim()] = item[(eq + 1)..].Trim();
                }
            }

            return parameters;
        }
    }
}

/// <summary>One payload format of a media section: payload type, <c>a=rtpmap</c> and <c>a=fmtp</c>.</summary>
/// <param name="PayloadType">The RTP payload type (96 and up are dynamic; 26 is JPEG).</param>
/// <param name="EncodingName">The rtpmap encoding name, e.g. H264, H265, JPEG.</param>
/// <param name="ClockRate">The RTP clock rate, 90000 for video.</param>
/// <param name="Parameters">The fmtp parameters (case-insensitive names), e.g. sprop-parameter-sets.</param>
public sealed record RtpFormat(int PayloadType, string EncodingName, int ClockRate, IReadOnlyDictionary<string, string> Parameters);
