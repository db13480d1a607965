using Microsoft.Extensions.Logging;

namespace Slican.Cti.Testing;

/// <summary>The emulator's log messages (source-generated).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "PBX emulator listening: XCTIP {Xctip}, XCTIP/TLS {Tls}, CTIP {Ctip}")]
    public static partial void Listening(ILogger logger, string xctip, string tls, string ctip);

    [LoggerMessage(2, LogLevel.Warning, "Accept failed: {Message}")]
    public static partial void AcceptFailed(ILogger logger, string message);

    [LoggerMessage(3, LogLevel.Debug, "Connection ended with an error: {Message}")]
    public static partial void ConnectionFailed(ILogger logger, string message);

    [LoggerMessage(4, LogLevel.Debug, "Session {Session}: {What} ended: {Message}")]
    public static partial void SessionEnded(ILogger logger, string session, string what, string message);

    [LoggerMessage(5, LogLevel.Error, "Session {Session}: reader failed")]
    public static partial void ReaderFailed(ILogger logger, Exception exception, string session);

    [LoggerMessage(6, LogLevel.Warning, "Session {Session}: outbound queue full ({Capacity} items), closing it")]
    public static partial void QueueFull(ILogger logger, string session, int capacity);

    [LoggerMessage(7, LogLevel.Debug, "Session {Session}: malformed input: {Message}")]
    public static partial void MalformedInput(ILogger logger, string session, string message);
}
