using System.Buffers;
using System.Globalization;
using System.Text;

namespace Slican.Cti.Doorphone.Rtsp;

/// <summary>What <see cref="RtspMessageReader.TryRead"/> found at the start of the buffer.</summary>
internal enum RtspReadResult
{
    NeedMoreData,
    Message,
    Interleaved,
}

/// <summary>
/// Splits the byte stream of an RTSP connection into messages and interleaved RTP/RTCP frames
/// (<c>$ channel length payload</c>). Hostile input fails fast with <see cref="RtspProtocolException"/>: header block
/// and body sizes are capped, header count is capped, control characters and malformed start lines are rejected.
/// </summary>
internal sealed class RtspMessageReader
{
    private const int MaxHeaderCount = 64;
    private readonly int _maxHeaderBytes;
    private readonly int _maxBodyBytes;

    public RtspMessageReader(int maxHeaderBytes, int maxBodyBytes)
    {
        _maxHeaderBytes = maxHeaderBytes;
        _maxBodyBytes = maxBodyBytes;
    }

    public RtspReadResult TryRead(ref ReadOnlySequence<byte> buffer, out RtspMessage? message, out byte channel, out ReadOnlySequence<byte> payload)
    {
        message = null;
        channel = 0;
        payload = default;
        if (buffer.IsEmpty)
        {
            return RtspReadResult.NeedMoreData;
        }

        byte first = buffer.FirstSpan[0];
        if (first == (byte)'$')
        {
            if (buffer.Length < 4)
            {
                return RtspReadResult.NeedMoreData;
            }

            Span<byte> head = stackalloc byte[4];
            buffer.Slice(0, 4).CopyTo(head);
            int length = (head[2] << 8) | head[3];
            if (buffer.Length < 4 + length)
            {
                return RtspReadResult.NeedMoreData;
            }

            channel = head[1];
            payload = buffer.Slice(4, length);
            buffer = buffer.Slice(4 + length);
            return RtspReadResult.Interleaved;
        }

        if (first is (byte)'\r' or (byte)'\n')
        {
            // Stray line ends between messages are tolerated (RFC 2326 §15: robust against extra CRLF).
            var reader = new SequenceReader<byte>(buffer);
            reader.AdvancePastAny((byte)'\r', (byte)'\n');
            buffer = buffer.Slice(reader.Position);
            return TryRead(ref buffer, out message, out channel, out payload);
        }

        if (first is < (byte)'A' or > (byte)'Z')
        {
            throw new RtspProtocolException($"The camera sent a byte 0x{first:X2} where an RTSP message or an interleaved frame ('$') must start.");
        }

        long headerEnd = FindHeaderEnd(buffer, out int terminatorLength);
        if (headerEnd < 0)
        {
            if (buffer.Length > _maxHeaderBytes)
            {
                throw new RtspProtocolException($"The camera sent an RTSP header block longer than {_maxHeaderBytes} bytes.");
            }

            return RtspReadResult.NeedMoreData;
        }

        if (headerEnd > _maxHeaderBytes)
        {
            throw new RtspProtocolException($"The camera sent an RTSP header block longer than {_maxHeaderBytes} bytes.");
        }

        string headerText = Latin1(buffer.Slice(0, headerEnd));
        var parsed = ParseHeaderBlock(headerText, out bool isResponse, out int status, out string reasonOrMethod, out string? requestUri);
        int contentLength = 0;
        foreach (var header in parsed)
        {
            if (header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(header.Value, NumberStyles.None, CultureInfo.InvariantCulture, out contentLength) || contentLength < 0)
                {
                    throw new RtspProtocolException("The camera sent an invalid Content-Length.");
                }

                if (contentLength > _maxBodyBytes)
                {
                    throw new RtspProtocolException($"The camera announced a {contentLength}-byte body; the limit is {_maxBodyBytes} bytes (RtspClientOptions.MaxBodyBytes).");
                }
            }
        }

        long total = headerEnd + terminatorLength + contentLength;
        if (buffer.Length < total)
        {
            return RtspReadResult.NeedMoreData;
        }

        byte[] body = contentLength == 0 ? [] : buffer.Slice(headerEnd + terminatorLength, contentLength).ToArray();
        message = new RtspMessage(isResponse, status, reasonOrMethod, requestUri, parsed, body);
        buffer = buffer.Slice(total);
        return RtspReadResult.Message;
    }

    private long FindHeaderEnd(ReadOnlySequence<byte> buffer, out int terminatorLength)
    {
        // Looks for LF CR LF or LF LF; only the first MaxHeaderBytes + 4 bytes are searched.
        long limit = Math.Min(buffer.Length, (long)_maxHeaderBytes + 4);
        var reader = new SequenceReader<byte>(buffer.Slice(0, limit));
        while (reader.TryAdvanceTo((byte)'\n', advancePastDelimiter: true))
        {
            long lineStart = reader.Consumed;
            if (reader.TryPeek(out byte next))
            {
                if (next == (byte)'\n')
                {
                    terminatorLength = 1;
                    return lineStart;
                }

                if (next == (byte)'\r' && reader.TryPeek(1, out byte after) && after == (byte)'\n')
                {
                    terminatorLength = 2;
                    return lineStart;
                }
            }
        }

        terminatorLength = 0;
        return -1;
    }

    private static string Latin1(ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
        {
            foreach (byte b in segment.Span)
            {
                if (b < 0x20 && b is not (byte)'\r' and not (byte)'\n' and not (byte)'\t')
                {
                    throw new RtspProtocolException($"The camera sent a control character 0x{b:X2} in an RTSP header.");
                }
            }
        }

        return Encoding.Latin1.GetString(bytes);
    }

    private static List<KeyValuePair<string, string>> ParseHeaderBlock(string text, out bool isResponse, out int status, out string reasonOrMethod, out string? requestUri)
    {
        var lines = text.Split('\n');
        string startLine = lines[0].TrimEnd('\r');
        status = 0;
        requestUri = null;
        if (startLine.StartsWith("RTSP/", StringComparison.Ordinal))
        {
            isResponse = true;
            var parts = startLine.Split(' ', 3);
            if (parts.Length < 2 || parts[0] is not ("RTSP/1.0" or "RTSP/2.0" or "RTSP/1.1")
                || parts[1].Length != 3
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out status)
                || status < 100)
            {
                throw new RtspProtocolException($"The camera sent an invalid RTSP status line ({Preview(startLine)}).");
            }

            reasonOrMethod = parts.Length > 2 ? parts[2] : string.Empty;
        }
        else
        {
            isResponse = false;
            var parts = startLine.Split(' ');
            if (parts.Length != 3 || !parts[2].StartsWith("RTSP/", StringComparison.Ordinal) || !IsToken(parts[0]))
            {
                throw new RtspProtocolException($"The camera sent an invalid RTSP start line ({Preview(startLine)}).");
            }

            reasonOrMethod = parts[0];
            requestUri = parts[1];
        }

        var headers = new List<KeyValuePair<string, string>>();
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] is ' ' or '\t')
            {
                if (headers.Count == 0)
                {
                    throw new RtspProtocolException("The camera sent a header continuation line without a header.");
                }

                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + " " + line.Trim());
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !IsToken(line.AsSpan(0, colon).TrimEnd()))
            {
                throw new RtspProtocolException($"The camera sent a malformed RTSP header line ({Preview(line)}).");
            }

            if (headers.Count == MaxHeaderCount)
            {
                throw new RtspProtocolException($"The camera sent more than {MaxHeaderCount} RTSP headers.");
            }

            headers.Add(new(line[..colon].TrimEnd(), line[(colon + 1)..].Trim()));
        }

        return headers;
    }

    private static bool IsToken(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c <= ' ' || c >= 0x7F || "()<>@,;:\\\"/[]?={}".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string Preview(string line)
    {
        // Only the start: a start line is never secret, but keep messages short.
        string cut = line.Length > 60 ? line[..60] + "…" : line;
        return cut;
    }
}
