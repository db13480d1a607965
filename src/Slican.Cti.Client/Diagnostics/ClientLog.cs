using Microsoft.Extensions.Logging;

namespace Slican.Cti.Client;

/// <summary>The client's log messages, with stable event ids (1xxx connection, 2xxx events, 3xxx sync). No message ever carries a password.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(1001, LogLevel.Information, "Logged in as {User} on connection #{ConnectionId} (licence {Licence}, PBX {PbxType})")]
    public static partial void LoggedIn(ILogger logger, string user, int connectionId, string? licence, string? pbxType);

    [LoggerMessage(1002, LogLevel.Warning, "Could not connect to the PBX at {EndPoint}: {Reason}")]
    public static partial void ConnectFailed(ILogger logger, string endPoint, string reason);

    [LoggerMessage(1003, LogLevel.Warning, "Connection #{ConnectionId} lost: {Reason}")]
    public static partial void ConnectionLost(ILogger logger, int connectionId, string reason);

    [LoggerMessage(1004, LogLevel.Information, "Reconnect attempt {Attempt} in {DelayMs:0} ms after: {Reason}")]
    public static partial void ReconnectRetry(ILogger logger, int attempt, double delayMs, string reason);

    [LoggerMessage(1005, LogLevel.Error, "Reconnecting stopped after {Attempts} attempt(s)")]
    public static partial void ReconnectGaveUp(ILogger logger, int attempts, Exception exception);

    [LoggerMessage(1006, LogLevel.Information, "Connection #{ConnectionId}: {Summary}")]
    public static partial void Resynchronised(ILogger logger, int connectionId, string summary);

    [LoggerMessage(1007, LogLevel.Debug, "Connection state {Previous} -> {Current}")]
    public static partial void StateChanged(ILogger logger, CtiConnectionState previous, CtiConnectionState current);

    [LoggerMessage(1008, LogLevel.Warning, "TLS certificate validation is OFF for {Host}:{Port} (AllowInsecureTls): anyone on the path can impersonate the PBX. Pin the certificate's SHA-256 thumbprint instead.")]
    public static partial void InsecureTls(ILogger logger, string host, int port);

    [LoggerMessage(1009, LogLevel.Error, "Connection #{ConnectionId}: the PBX sent invalid XCTIP at byte {Offset}; reconnecting")]
    public static partial void ProtocolViolation(ILogger logger, Exception exception, int connectionId, long offset);

    [LoggerMessage(1010, LogLevel.Warning, "Connection #{ConnectionId}: no answer to WDTest within {TimeoutSeconds} s; the connection is half-open")]
    public static partial void KeepAliveFailed(ILogger logger, int connectionId, double timeoutSeconds);

    [LoggerMessage(1011, LogLevel.Warning, "The PBX refused {Request}: {Error}")]
    public static partial void RegistrationRefused(ILogger logger, string request, string error);

    [LoggerMessage(2001, LogLevel.Error, "An event handler for {Stream} ({Handler}) threw; the other handlers and the connection carry on")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string stream, string handler);

    [LoggerMessage(2002, LogLevel.Warning, "A consumer of {Stream} is too slow: its {Capacity}-event buffer is full, {Dropped} event(s) dropped so far")]
    public static partial void SlowConsumer(ILogger logger, string stream, int capacity, long dropped);

    [LoggerMessage(2003, LogLevel.Warning, "C# event handlers are too slow: the {Capacity}-entry handler queue is full, dropping {Stream} events")]
    public static partial void SlowHandler(ILogger logger, string stream, int capacity);

    [LoggerMessage(3001, LogLevel.Debug, "Synced {SyncType}: {Rows} row(s){Reset}")]
    private static partial void SyncedCore(ILogger logger, string syncType, int rows, string reset);

    public static void Synced(ILogger logger, string syncType, int rows, bool reset) => SyncedCore(logger, syncType, rows, reset ? " (rebuilt after DelAll)" : string.Empty);

    [LoggerMessage(3002, LogLevel.Warning, "Background {What} failed: {Reason}")]
    public static partial void BackgroundSyncFailed(ILogger logger, string what, string reason);
}
