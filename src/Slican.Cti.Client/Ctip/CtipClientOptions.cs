using Microsoft.Extensions.Logging;
using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Client;

/// <summary>
/// How a <see cref="CtipClient"/> reaches the PBX's CTIP interface (TCP 5524). Immutable; derive variants with
/// <c>with</c>. The access key is never logged or printed.
/// </summary>
public sealed record CtipClientOptions
{
    /// <summary>The CTIP port, 5524.</summary>
    public const int DefaultPort = 5524;

    /// <summary>The PBX host name or IP address. Required.</summary>
    public string Host { get; init; } = string.Empty;

    /// <summary>The CTIP port. Default 5524.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// The extension to monitor and control (<c>LOGI</c>). <see langword="null"/> monitors every extension
    /// (<c>LOGA</c>); control commands then name the extension explicitly.
    /// </summary>
    public string? Extension { get; init; }

    /// <summary>The 4-digit access key (LOGI key or LOGA billing key); <see langword="null"/> when none is set. Never logged.</summary>
    public string? Key { get; init; }

    /// <summary>How long to wait for OK/NA (the PBX answers within 5 s). Default 5 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a TCP connect may take. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After this much silence from the PBX the client sends <c>WHO</c>; no reply within <see cref="RequestTimeout"/>
    /// means the connection is half-open, and it is re-established. Default 20 s. Without it a monitoring-only client
    /// (LOGA, no requests) would never notice a dead connection and silently miss every RING.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Whether a lost connection is re-established (and the login repeated) automatically. Default <see langword="true"/>.</summary>
    public bool AutoReconnect { get; init; } = true;

    /// <summary>The first reconnect delay; it doubles per failed attempt, with jitter. Default 500 ms.</summary>
    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest reconnect delay. Default 30 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reconnect attempts per outage before giving up (<see cref="CtiConnectionState.Failed"/>); <see langword="null"/> (default) keeps trying.</summary>
    public int? MaxReconnectAttempts { get; init; }

    /// <summary>The connection's character set. Default IBM852.</summary>
    public CtiEncoding Encoding { get; init; } = CtiEncoding.Ibm852;

    /// <summary>Capacity of each event subscription. Default 4096.</summary>
    public int EventChannelCapacity { get; init; } = 4096;

    /// <summary>The dialling plan for normalising caller numbers.</summary>
    public PhoneNumberOptions PhoneNumbers { get; init; } = PhoneNumberOptions.Default;

    /// <summary>The clock for timeouts. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where logs go; <see langword="null"/> logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Checks the options; the <see cref="CtipClient"/> constructor calls this.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) throw new ArgumentException("CtipClientOptions.Host is required: the PBX's host name or IP address.", nameof(Host));
        if (Port is <= 0 or > 65535) throw new ArgumentException($"CtipClientOptions.Port {Port} is not a TCP port.", nameof(Port));
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentException("CtipClientOptions.RequestTimeout must be positive.", nameof(RequestTimeout));
        if (ConnectTimeout <= TimeSpan.Zero) throw new ArgumentException("CtipClientOptions.ConnectTimeout must be positive.", nameof(ConnectTimeout));
        if (KeepAliveInterval <= TimeSpan.Zero) throw new ArgumentException("CtipClientOptions.KeepAliveInterval must be positive.", nameof(KeepAliveInterval));
        if (ReconnectInitialDelay < TimeSpan.Zero || ReconnectMaxDelay < ReconnectInitialDelay)
            throw new ArgumentException("CtipClientOptions.ReconnectInitialDelay must be >= 0 and <= ReconnectMaxDelay.", nameof(ReconnectInitialDelay));
        if (MaxReconnectAttempts is < 0) throw new ArgumentException("CtipClientOptions.MaxReconnectAttempts must be >= 0.", nameof(MaxReconnectAttempts));
        if (EventChannelCapacity < 1) throw new ArgumentException("CtipClientOptions.EventChannelCapacity must be at least 1.", nameof(EventChannelCapacity));
        ArgumentNullException.ThrowIfNull(Encoding);
        ArgumentNullException.ThrowIfNull(PhoneNumbers);
        ArgumentNullException.ThrowIfNull(TimeProvider);
    }

    /// <summary>Describes the options without the key.</summary>
    public override string ToString() => $"CtipClientOptions {{ Host = {Host}, Port = {Port}, Extension = {Extension ?? "(all)"}, Key = *** }}";
}
