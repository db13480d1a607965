namespace Slican.Cti.Client;

/// <summary>The base of every exception the client throws, so callers can catch the SDK's failures in one place.</summary>
public class CtiException : Exception
{
    /// <summary>Creates an exception.</summary>
    public CtiException() { }

    /// <summary>Creates an exception with a message.</summary>
    public CtiException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public CtiException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>Why a login failed, each with its own remedy (the manual's error table).</summary>
public enum CtiLoginFailure
{
    /// <summary>The PBX could not be reached: wrong host/port, network down, firewall or missing NAT port forwarding.</summary>
    ConnectionFailed,

    /// <summary>The TLS handshake failed or the certificate was not trusted.</summary>
    TlsFailed,

    /// <summary>Unknown extension or wrong CTI password.</summary>
    WrongCredentials,

    /// <summary>The PBX does not allow this application for the extension (no or no free CTIuser/CTIuserPlus licence).</summary>
    ApplicationNotAllowed,

    /// <summary>The subscriber has no CTI access level configured.</summary>
    NoCtiAccess,

    /// <summary>The PBX refused the login with a reason the SDK does not know; see <see cref="CtiLoginException.PbxError"/>.</summary>
    Other,
}

/// <summary>Login failed. <see cref="Failure"/> says why; the message says what to do about it.</summary>
public sealed class CtiLoginException : CtiException
{
    /// <summary>Creates the exception.</summary>
    public CtiLoginException(CtiLoginFailure failure, string message, string? pbxError = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        PbxError = pbxError;
    }

    /// <summary>The kind of failure.</summary>
    public CtiLoginFailure Failure { get; }

    /// <summary>The PBX's error text, when the PBX refused the login.</summary>
    public string? PbxError { get; }

    /// <summary>Whether retrying later can help (network trouble) as opposed to needing a configuration change.</summary>
    public bool IsTransient => Failure == CtiLoginFailure.ConnectionFailed;

    internal static CtiLoginException FromPbxError(string user, string error)
    {
        string text = error.Trim();
        if (text.Equals("Wrong login or password", StringComparison.OrdinalIgnoreCase))
        {
            return new(CtiLoginFailure.WrongCredentials,
                $"Wrong login or password for extension {user}: check the extension number and the CTI password in the subscriber's CTI settings on the PBX (4–16 characters, not the 4-digit phone key).", text);
        }

        if (text.Equals("Application not allowed", StringComparison.OrdinalIgnoreCase) || text.Equals("App not allowed in PBX", StringComparison.OrdinalIgnoreCase))
        {
            return new(CtiLoginFailure.ApplicationNotAllowed,
                $"The PBX does not allow this application for extension {user} (no MessengerCTI licence, CTIuser/CTIuserPlus, or no free one): contact the PBX administrator.", text);
        }

        if (text.Equals("No CTI access", StringComparison.OrdinalIgnoreCase))
        {
            return new(CtiLoginFailure.NoCtiAccess,
                $"Extension {user} has no CTI access level on the PBX: ask the PBX administrator to give the subscriber CTI access.", text);
        }

        return new(CtiLoginFailure.Other, $"The PBX refused the login of extension {user}: \"{text}\".", text);
    }

    internal static CtiLoginException ConnectionFailedTo(string endPoint, Exception cause) =>
        new(CtiLoginFailure.ConnectionFailed,
            $"No connection to the PBX at {endPoint} ({cause.Message}): check the host name or IP address and the port (XCTIP 5529, or 5543 with encryption), the network connection, and, from outside the PBX's network, port forwarding (NAT) on the edge router.",
            innerException: cause);
}

/// <summary>A request got no reply in time. The message says what was pending and when the PBX last sent anything.</summary>
public sealed class CtiRequestTimeoutException : CtiException
{
    /// <summary>Creates the exception.</summary>
    public CtiRequestTimeoutException(string message, string request, TimeSpan timeout) : base(message)
    {
        Request = request;
        Timeout = timeout;
    }

    /// <summary>The request, e.g. <c>Calls/MakeCall_REQ CId=12</c>.</summary>
    public string Request { get; }

    /// <summary>How long it waited.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>
/// The connection dropped while a request was pending. The request was <b>not</b> re-sent: a state-changing request
/// (dial, transfer, send) may or may not have been carried out; check the state after <see cref="CtiClient.Resynchronised"/>.
/// </summary>
public sealed class CtiConnectionLostException : CtiException
{
    /// <summary>Creates the exception.</summary>
    public CtiConnectionLostException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>The client is not connected (not yet, reconnecting, or disposed); nothing was sent.</summary>
public sealed class CtiNotConnectedException : CtiException
{
    /// <summary>Creates the exception.</summary>
    public CtiNotConnectedException(string message) : base(message) { }
}

/// <summary>The PBX answered a request with an error (<c>Answer/Error</c>).</summary>
public sealed class CtiRequestFailedException : CtiException
{
    /// <summary>Creates the exception.</summary>
    public CtiRequestFailedException(string request, string pbxError)
        : base(Describe(request, pbxError))
    {
        Request = request;
        PbxError = pbxError;
    }

    /// <summary>The request, e.g. <c>Calls/Answer_REQ CId=12</c>.</summary>
    public string Request { get; }

    /// <summary>The PBX's error text as received.</summary>
    public string PbxError { get; }

    /// <summary>Whether the PBX said the subscriber lacks the privilege.</summary>
    public bool IsNotPermitted => PbxError.Trim().Equals("Not permitted", StringComparison.OrdinalIgnoreCase);

    private static string Describe(string request, string error)
    {
        string hint = error.Trim().ToUpperInvariant() switch
        {
            "NOT PERMITTED" => " The subscriber lacks the privilege (or the phone cannot be controlled remotely, e.g. analog/SIP desk phones cannot answer): check the subscriber's rights in the PBX.",
            "NO SUCH CALL" => " The call reference is unknown or the call has already ended.",
            "BUSY" => " The target or resource is busy: retry later.",
            "UNKNOWN MESSAGE" => " This PBX does not support the request (it may be an SDK-modeled message the firmware lacks).",
            "MALFORMED MESSAGE" => " A required field is missing or invalid.",
            "NOT LOGGED IN" => " The session is not logged in.",
            _ => string.Empty,
        };
        return $"The PBX refused {request}: \"{error}\".{hint}";
    }
}

/// <summary>The PBX sent bytes that are not valid XCTIP/CTIP; the connection was dropped and will be re-established.</summary>
public sealed class CtiProtocolViolationException : CtiException
{
    /// <summary>Creates the exception.</summary>
    public CtiProtocolViolationException(string message, Exception? innerException = null) : base(message, innerException) { }
}
