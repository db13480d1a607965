using System.Text;

namespace Slican.Cti.Voip.Sip.Messages;

/// <summary>
/// A SIP request or response: ordered header fields (unknown ones kept verbatim, so they survive a parse and
/// serialize round trip) and an opaque body. Typed accessors parse the well-known fields on demand.
/// </summary>
public abstract class SipMessage
{
    /// <summary>Header fields in wire order. <c>Content-Length</c> is not kept: it is computed from <see cref="Body"/>.</summary>
    public List<SipHeader> Headers { get; } = new();

    /// <summary>Message body (SDP, sipfrag, DTMF relay...). Empty when there is none.</summary>
    public byte[] Body { get; set; } = Array.Empty<byte>();

    /// <summary>First value of a header field, or null. Names compare case-insensitively; compact forms are expanded.</summary>
    public string? GetHeader(string name)
    {
        name = SipHeaderNames.Expand(name);
        foreach (var h in Headers)
        {
            if (string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return h.Value;
            }
        }

        return null;
    }

    /// <summary>All values of a header field, with comma-separated lists split (outside quotes and angle brackets).</summary>
    public IEnumerable<string> GetHeaderValues(string name)
    {
        name = SipHeaderNames.Expand(name);
        foreach (var h in Headers)
        {
            if (string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var part in SipText.SplitList(h.Value))
                {
                    yield return part;
                }
            }
        }
    }

    /// <summary>Replaces every occurrence of the field by one value (or removes it when <paramref name="value"/> is null).</summary>
    public void SetHeader(string name, string? value)
    {
        name = SipHeaderNames.Expand(name);
        int index = Headers.FindIndex(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
        RemoveHeader(name);
        if (value is not null)
        {
            Headers.Insert(index < 0 ? Headers.Count : Math.Min(index, Headers.Count), new SipHeader(name, value));
        }
    }

    /// <summary>Appends a header field.</summary>
    public void AddHeader(string name, string value) => Headers.Add(new SipHeader(SipHeaderNames.Expand(name), value));

    /// <summary>Removes every occurrence of a header field.</summary>
    public void RemoveHeader(string name)
    {
        name = SipHeaderNames.Expand(name);
        Headers.RemoveAll(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Call-ID, or empty when missing.</summary>
    public string CallId => GetHeader(SipHeaderNames.CallId) ?? string.Empty;

    /// <summary>Parsed CSeq. Throws <see cref="SipParseException"/> when missing or malformed.</summary>
    public SipCSeq CSeq => SipCSeq.Parse(GetHeader(SipHeaderNames.CSeq) ?? throw new SipParseException("missing CSeq", 0));

    /// <summary>Parsed From.</summary>
    public SipNameAddress From => SipNameAddress.Parse(GetHeader(SipHeaderNames.From) ?? throw new SipParseException("missing From", 0));

    /// <summary>Parsed To.</summary>
    public SipNameAddress To => SipNameAddress.Parse(GetHeader(SipHeaderNames.To) ?? throw new SipParseException("missing To", 0));

    /// <summary>Top-most Via.</summary>
    public SipVia TopVia => SipVia.Parse(GetHeaderValues(SipHeaderNames.Via).FirstOrDefault() ?? throw new SipParseException("missing Via", 0));

    /// <summary>Content-Type, or null.</summary>
    public string? ContentType => GetHeader(SipHeaderNames.ContentType);

    /// <summary>Body decoded as UTF-8.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>Writes the start line (without CRLF).</summary>
    protected abstract void WriteStartLine(StringBuilder builder);

    /// <summary>Serializes the message; Content-Length is always written and always matches the body.</summary>
    public byte[] ToBytes()
    {
        var sb = new StringBuilder(256 + (Headers.Count * 40));
        WriteStartLine(sb);
        sb.Append("\r\n");
        foreach (var h in Headers)
        {
            sb.Append(h.Name).Append(": ").Append(h.Value).Append("\r\n");
        }

        sb.Append("Content-Length: ").Append(Body.Length).Append("\r\n\r\n");
        int headerBytes = Encoding.UTF8.GetByteCount(sb.ToString());
        var result = new byte[headerBytes + Body.Length];
        Encoding.UTF8.GetBytes(sb.ToString(), result);
        Body.CopyTo(result, headerBytes);
        return result;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        WriteStartLine(sb);
        return sb.ToString();
    }
}

/// <summary>A SIP request: method, Request-URI, headers, body.</summary>
public sealed class SipRequest : SipMessage
{
    /// <summary>Creates a request.</summary>
    public SipRequest(string method, string requestUri)
    {
        Method = method;
        RequestUri = requestUri;
    }

    /// <summary>Method token, e.g. INVITE.</summary>
    public string Method { get; }

    /// <summary>Request-URI as written.</summary>
    public string RequestUri { get; set; }

    /// <inheritdoc />
    protected override void WriteStartLine(StringBuilder builder) => builder.Append(Method).Append(' ').Append(RequestUri).Append(" SIP/2.0");
}

/// <summary>A SIP response: status code, reason phrase, headers, body.</summary>
public sealed class SipResponse : SipMessage
{
    /// <summary>Creates a response.</summary>
    public SipResponse(int statusCode, string reasonPhrase)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    /// <summary>Status code, 100..699.</summary>
    public int StatusCode { get; }

    /// <summary>Reason phrase (free text).</summary>
    public string ReasonPhrase { get; }

    /// <summary>True for 1xx.</summary>
    public bool IsProvisional => StatusCode < 200;

    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <inheritdoc />
    protected override void WriteStartLine(StringBuilder builder) => builder.Append("SIP/2.0 ").Append(StatusCode).Append(' ').Append(ReasonPhrase);
}
