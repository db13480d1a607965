using Microsoft.Extensions.Logging;

namespace Slican.Cti.Voip;

/// <summary>Source-generated log messages (no allocations when the level is off). Never log credentials here.</summary>
internal static partial class VoipLog
{
    [LoggerMessage(1, LogLevel.Warning, "Dropped a malformed SIP message from {Source}: {Reason}")]
    public static partial void MalformedSip(ILogger logger, System.Net.IPEndPoint source, string reason);

    [LoggerMessage(2, LogLevel.Debug, "SIP <- {Source}: {StartLine} ({CallId})")]
    public static partial void SipReceived(ILogger logger, System.Net.IPEndPoint source, string startLine, string callId);

    [LoggerMessage(3, LogLevel.Debug, "SIP -> {Destination}: {StartLine} ({CallId})")]
    public static partial void SipSent(ILogger logger, System.Net.IPEndPoint destination, string startLine, string callId);

    [LoggerMessage(4, LogLevel.Error, "SIP handler failed for {StartLine} from {Source}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string startLine, System.Net.IPEndPoint source);

    [LoggerMessage(5, LogLevel.Warning, "Closing SIP/TCP connection from {Remote}: {Reason}")]
    public static partial void TcpFramingError(ILogger logger, System.Net.IPEndPoint remote, string reason);

    [LoggerMessage(6, LogLevel.Information, "Registered {Aor} at {Registrar} for {Expires} s")]
    public static partial void Registered(ILogger logger, string aor, string registrar, int expires);

    [LoggerMessage(7, LogLevel.Warning, "Registration refresh of {Aor} failed: {Reason}")]
    public static partial void RegistrationRefreshFailed(ILogger logger, string aor, string reason);

    [LoggerMessage(8, LogLevel.Information, "Call {CallId}: {State}")]
    public static partial void CallState(ILogger logger, string callId, string state);

    [LoggerMessage(9, LogLevel.Debug, "SIP request {Method} for an unknown dialog {CallId}; answered 481")]
    public static partial void UnknownDialog(ILogger logger, string method, string callId);

    [LoggerMessage(10, LogLevel.Warning, "RTP socket error on {Local}: {Reason}")]
    public static partial void RtpError(ILogger logger, System.Net.IPEndPoint local, string reason);

    [LoggerMessage(11, LogLevel.Warning, "Call {CallId}: {Reason}")]
    public static partial void CallWarning(ILogger logger, string callId, string reason);
}
