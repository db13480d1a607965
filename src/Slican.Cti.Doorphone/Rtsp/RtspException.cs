namespace Slican.Cti.Doorphone.Rtsp;

/// <summary>
/// Base of every error the RTSP client raises. Messages name the camera by host and path only: user names and
/// passwords never appear in a message, a log line or <see cref="object.ToString"/>.
/// </summary>
public class RtspException : Exception
{
    /// <summary>Creates the exception with a message that says what to check.</summary>
    public RtspException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the lower-level cause (a socket error, for example).</summary>
    public RtspException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message; prefer the overloads with a message.</summary>
    public RtspException()
        : base("RTSP error.")
    {
    }
}

/// <summary>The camera sent bytes that are not valid RTSP, SDP or RTP, or exceeded a size limit.</summary>
public sealed class RtspProtocolException : RtspException
{
    /// <summary>Creates the exception.</summary>
    public RtspProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public RtspProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public RtspProtocolException()
        : base("The camera sent malformed RTSP.")
    {
    }
}

/// <summary>The camera answered a request with a status other than 2xx (and other than a challenge the client could answer).</summary>
public sealed class RtspStatusException : RtspException
{
    /// <summary>Creates the exception for a method and the status the camera returned.</summary>
    public RtspStatusException(string method, int statusCode, string reason, string message)
        : base(message)
    {
        Method = method;
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>The RTSP method that failed (DESCRIBE, SETUP, ...).</summary>
    public string Method { get; }

    /// <summary>The RTSP status code, e.g. 404 when the path of the camera link is wrong.</summary>
    public int StatusCode { get; }

    /// <summary>The reason phrase the camera sent.</summary>
    public string Reason { get; }
}

/// <summary>The camera refused the credentials (or asked for credentials and none were configured).</summary>
public sealed class RtspAuthenticationException : RtspException
{
    /// <summary>Creates the exception.</summary>
    public RtspAuthenticationException(string message)
        : base(message)
    {
    }
}

/// <summary>Something did not happen in time; <see cref="Operation"/> says what (connect, DESCRIBE, RTP data, ...).</summary>
public sealed class RtspTimeoutException : RtspException
{
    /// <summary>Creates the exception.</summary>
    public RtspTimeoutException(string operation, TimeSpan timeout, string message)
        : base(message)
    {
        Operation = operation;
        Timeout = timeout;
    }

    /// <summary>What timed out: <c>connect</c>, an RTSP method name, or <c>RTP</c> when media stopped arriving.</summary>
    public string Operation { get; }

    /// <summary>The limit that was exceeded.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>
/// The camera tried to send the client somewhere else than the host it connected to (a control or base URL with
/// another host or port). Refused because it would hand the credentials, or the client's traffic, to a third party.
/// </summary>
public sealed class RtspSecurityException : RtspException
{
    /// <summary>Creates the exception.</summary>
    public RtspSecurityException(string message)
        : base(message)
    {
    }
}
