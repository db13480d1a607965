namespace Slican.Cti.Doorphone.Rtsp;

/// <summary>One RTSP message from the camera: a response to a request of the client or, rarely, a request of the server.</summary>
public sealed class RtspMessage
{
    private readonly List<KeyValuePair<string, string>> _headers;

    internal RtspMessage(bool isResponse, int statusCode, string reasonOrMethod, string? requestUri, List<KeyValuePair<string, string>> headers, byte[] body)
    {
        IsResponse = isResponse;
        StatusCode = statusCode;
        if (isResponse)
        {
            Reason = reasonOrMethod;
        }
        else
        {
            Method = reasonOrMethod;
            RequestUri = requestUri;
        }

        _headers = headers;
        Body = body;
    }

    /// <summary>True for a response (status line), false for a request from the server.</summary>
    public bool IsResponse { get; }

    /// <summary>The status code of a response; 0 for a request.</summary>
    public int StatusCode { get; }

    /// <summary>The reason phrase of a response.</summary>
    public string Reason { get; } = string.Empty;

    /// <summary>The method of a server request.</summary>
    public string? Method { get; }

    /// <summary>The URI of a server request.</summary>
    public string? RequestUri { get; }

    /// <summary>The headers in wire order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    /// <summary>The body (the SDP of a DESCRIBE answer); empty when there is none.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The CSeq header, or -1 when it is missing or invalid.</summary>
    public int CSeq => int.TryParse(GetHeader("CSeq"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value) ? value : -1;

    /// <summary>The first header with this name (case-insensitive), or null.</summary>
    public string? GetHeader(string name)
    {
        foreach (var header in _headers)
        {
            if (header.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }

    /// <summary>Every header with this name (case-insensitive), in wire order.</summary>
    public IEnumerable<string> GetHeaders(string name)
    {
        foreach (var header in _headers)
        {
            if (header.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                yield return header.Value;
            }
        }
    }

    /// <summary>Status line or request line, without headers (which may carry nonces).</summary>
    public override string ToString() => IsResponse ? $"RTSP/1.0 {StatusCode} {Reason}" : $"{Method} {RequestUri}";
}
