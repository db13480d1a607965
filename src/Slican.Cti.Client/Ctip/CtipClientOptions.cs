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

    /// <summary>Describes the options without the key.</summary>
    public override string ToString() => $"CtipClientOptions {{ Host = {Host}, Port = {Port}, Extension = {Extension ?? "(all)"}, Key = *** }}";
}
