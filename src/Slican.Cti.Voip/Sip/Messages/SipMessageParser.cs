using System.Globalization;
using System.Text;

namespace Slican.Cti.Voip.Sip.Messages;

/// <summary>
/// Parses SIP messages from datagrams or stream frames (RFC 3261 §7). Unknown headers are kept verbatim, compact
/// names are expanded, folded lines are joined, and every problem (size, syntax, missing mandatory field) raises a
/// <see cref="SipParseException"/> naming the byte offset.
/// </summary>
public static class SipMessageParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Parses one complete message.</summary>
    /// <param name="data">The datagram, or one frame cut by <see cref="TryFindMessageLength"/>.</param>
    /// <param name="limits">Size limits; <see cref="SipParserLimits.Default"/> when null.</param>
    public static SipMessage Parse(ReadOnlySpan<byte> data, SipParserLimits? limits = null)
    {
        limits ??= SipParserLimits.Default;
        if (data.Length > limits.MaxMessageSize)
        {
            throw new SipParseException($"message of {data.Length} bytes exceeds the {limits.MaxMessageSize}-byte limit", limits.MaxMessageSize);
        }

        // RFC 3261 §7.5: ignore leading CRLFs (keep-alives).
        int pos = 0;
        while (pos < data.Length && (data[pos] == '\r' || data[pos] == '\n'))
        {
            pos++;
        }

        if (pos == data.Length)
        {
            throw new SipParseException("empty message", pos);
        }

        int headerEnd = FindHeaderEnd(data, pos, out int bodyStart);
        if (headerEnd < 0)
        {
            throw new SipParseException("no blank line ends the header section", data.Length);
        }

        int lineEnd = IndexOfLineEnd(data, pos, headerEnd);
        string startLine = Decode(data[pos..lineEnd], pos);
        SipMessage message = ParseStartLine(startLine, pos);
        pos = SkipLineEnd(data, lineEnd);

        int? contentLength = null;
        string? pendingName = null;
        var pendingValue = new StringBuilder();
        int headerCount = 0;
        int pendingOffset = pos;
        while (pos < headerEnd)
        {
            int end = IndexOfLineEnd(data, pos, headerEnd);
            var line = data[pos..end];
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                if (pendingName is null)
                {
                    throw new SipParseException("continuation line before any header", pos);
                }

                pendingValue.Append(' ').Append(Decode(line, pos).Trim());
            }
            else
            {
                if (pendingName is not null)
                {
                    contentLength = AddHeader(message, pendingName, pendingValue.ToString(), pendingOffset, limits, contentLength);
                }

                if (++headerCount > limits.MaxHeaderCount)
                {
                    throw new SipParseException($"more than {limits.MaxHeaderCount} header fields", pos);
                }

                int colon = line.IndexOf((byte)':');
                if (colon <= 0)
                {
                    throw new SipParseException("header line has no 'name:'", pos);
                }

                string name = Decode(line[..colon], pos).TrimEnd();
                foreach (char c in name)
                {
                    if (!SipText.IsTokenChar(c))
                    {
                        throw new SipParseException($"header name '{Shorten(name)}' contains an invalid character", pos);
                    }
                }

                if (name.Length == 0)
                {
                    throw new SipParseException("empty header name", pos);
                }

                pendingName = name;
                pendingOffset = pos;
                pendingValue.Clear().Append(Decode(line[(colon + 1)..], pos + colon + 1).Trim());
            }

            if (pendingValue.Length > limits.MaxHeaderLength)
            {
                throw new SipParseException($"header '{Shorten(pendingName!)}' is longer than {limits.MaxHeaderLength} characters", pos);
            }

            pos = SkipLineEnd(data, end);
        }

        if (pendingName is not null)
        {
            contentLength = AddHeader(message, pendingName, pendingValue.ToString(), pendingOffset, limits, contentLength);
        }

        int available = data.Length - bodyStart;
        int bodyLength = contentLength ?? available;
        if (bodyLength > available)
        {
            throw new SipParseException($"Content-Length {bodyLength} is larger than the {available} body bytes received", bodyStart);
        }

        message.Body = data.Slice(bodyStart, bodyLength).ToArray();
        Validate(message);
        return message;
    }

    /// <summary>Parses a message given as text (tests, tools).</summary>
    public static SipMessage Parse(string text, SipParserLimits? limits = null) => Parse(Encoding.UTF8.GetBytes(text), limits);

    /// <summary>
    /// Stream framing (RFC 3261 §18.3): finds the length of the first complete message in a TCP buffer using its
    /// Content-Length. Returns false when more bytes are needed; throws when the header section is over the limit
    /// or Content-Length is missing or malformed.
    /// </summary>
    public static bool TryFindMessageLength(ReadOnlySpan<byte> buffer, SipParserLimits limits, out int length)
    {
        length = 0;
        int start = 0;
        while (start < buffer.Length && (buffer[start] == '\r' || buffer[start] == '\n'))
        {
            start++;
        }

        int headerEnd = FindHeaderEnd(buffer, start, out int bodyStart);
        if (headerEnd < 0)
        {
            if (buffer.Length > limits.MaxMessageSize)
            {
                throw new SipParseException($"no end of headers within {limits.MaxMessageSize} bytes", limits.MaxMessageSize);
            }

            length = start; // leading keep-alive CRLFs can be consumed
            return false;
        }

        int contentLength = -1;
        int pos = start;
        while (pos < headerEnd)
        {
            int end = IndexOfLineEnd(buffer, pos, headerEnd);
            var line = buffer[pos..end];
            int colon = line.IndexOf((byte)':');
            if (colon > 0)
            {
                string name = Encoding.ASCII.GetString(line[..colon]).Trim();
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("l", StringComparison.OrdinalIgnoreCase))
                {
                    string value = Encoding.ASCII.GetString(line[(colon + 1)..]).Trim();
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out contentLength))
                    {
                        throw new SipParseException("Content-Length is not a number", pos);
                    }
                }
            }

            pos = SkipLineEnd(buffer, end);
        }

        if (contentLength < 0)
        {
            throw new SipParseException("a message on a stream transport must carry Content-Length", headerEnd);
        }

        if ((long)bodyStart + contentLength > limits.MaxMessageSize)
        {
            throw new SipParseException($"message of {bodyStart + (long)contentLength} bytes exceeds the {limits.MaxMessageSize}-byte limit", bodyStart);
        }

        if (buffer.Length < bodyStart + contentLength)
        {
            return false;
        }

        length = bodyStart + contentLength;
        return true;
    }

    private static int? AddHeader(SipMessage message, string name, string value, int offset, SipParserLimits limits, int? contentLength)
    {
        name = SipHeaderNames.Expand(name);
        if (name.Equals(SipHeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int cl) || cl > limits.MaxMessageSize)
            {
                throw new SipParseException($"Content-Length '{Shorten(value)}' is not a number within the size limit", offset);
            }

            if (contentLength is { } previous && previous != cl)
            {
                throw new SipParseException("two different Content-Length values", offset);
            }

            return cl;
        }

        message.Headers.Add(new SipHeader(name, value));
        return contentLength;
    }

    private static SipMessage ParseStartLine(string line, int offset)
    {
        if (line.StartsWith("SIP/", StringComparison.Ordinal))
        {
            // SIP/2.0 SP Status-Code SP Reason-Phrase
            if (!line.StartsWith("SIP/2.0 ", StringComparison.Ordinal) || line.Length < 11)
            {
                throw new SipParseException("status line is not 'SIP/2.0 <code> <reason>'", offset);
            }

            if (!int.TryParse(line.AsSpan(8, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int code) || code is < 100 or > 699
                || (line.Length > 11 && line[11] != ' '))
            {
                throw new SipParseException($"status code '{Shorten(line[8..Math.Min(line.Length, 12)])}' is not 100..699", offset + 8);
            }

            return new SipResponse(code, line.Length > 12 ? line[12..] : string.Empty);
        }

        var parts = line.Split(' ');
        if (parts.Length != 3 || parts[2] != "SIP/2.0")
        {
            throw new SipParseException("request line is not '<METHOD> <Request-URI> SIP/2.0'", offset);
        }

        if (parts[0].Length == 0 || parts[0].Any(c => !SipText.IsTokenChar(c)))
        {
            throw new SipParseException($"method '{Shorten(parts[0])}' is not a token", offset);
        }

        if (!SipUri.TryParse(parts[1], out _, out string? error))
        {
            throw new SipParseException("Request-URI: " + error, offset + parts[0].Length + 1);
        }

        return new SipRequest(parts[0], parts[1]);
    }

    private static void Validate(SipMessage message)
    {
        foreach (string name in new[] { SipHeaderNames.Via, SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.CSeq })
        {
            if (message.GetHeader(name) is null)
            {
                throw new SipParseException($"mandatory header {name} is missing", 0);
            }
        }

        var cseq = message.CSeq;
        if (message is SipRequest request && !string.Equals(cseq.Method, request.Method, StringComparison.Ordinal))
        {
            throw new SipParseException($"CSeq method {Shorten(cseq.Method)} does not match request method {request.Method}", 0);
        }

        _ = message.TopVia;
        _ = message.From;
        _ = message.To;
    }

    private static int FindHeaderEnd(ReadOnlySpan<byte> data, int start, out int bodyStart)
    {
        for (int i = start; i < data.Length; i++)
        {
            if (data[i] != '\n')
            {
                continue;
            }

            // "\n\n" or "\n\r\n"
            if (i + 1 < data.Length && data[i + 1] == '\n')
            {
                bodyStart = i + 2;
                return i + 1;
            }

            if (i + 2 < data.Length && data[i + 1] == '\r' && data[i + 2] == '\n')
            {
                bodyStart = i + 3;
                return i + 1;
            }
        }

        bodyStart = -1;
        return -1;
    }

    private static int IndexOfLineEnd(ReadOnlySpan<byte> data, int start, int limit)
    {
        int nl = data[start..limit].IndexOf((byte)'\n');
        int end = nl < 0 ? limit : start + nl;
        return end > start && data[end - 1] == '\r' ? end - 1 : end;
    }

    private static int SkipLineEnd(ReadOnlySpan<byte> data, int end)
    {
        if (end < data.Length && data[end] == '\r')
        {
            end++;
        }

        if (end < data.Length && data[end] == '\n')
        {
            end++;
        }

        return end;
    }

    private static string Decode(ReadOnlySpan<byte> bytes, int offset)
    {
        foreach (byte b in bytes)
        {
            if (b == 0 || (b < 0x20 && b != '\t') || b == 0x7F)
            {
                throw new SipParseException($"control character 0x{b:X2} in the header section", offset);
            }
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new SipParseException("header section is not valid UTF-8", offset);
        }
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
