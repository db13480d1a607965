using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Testing;

/// <summary>
/// How to start a <see cref="PbxEmulator"/>. Tests use the defaults (loopback, ephemeral XCTIP port, TLS and CTIP
/// off); the <c>slican-cti emulator</c> command passes the PBX's real ports 5529, 5543 and 5524.
/// </summary>
public sealed record PbxEmulatorOptions
{
    /// <summary>Address to listen on. Default <see cref="IPAddress.Loopback"/>.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>XCTIP port; 0 (default) = ephemeral, read it back from <see cref="PbxEmulator.XctipEndPoint"/>.</summary>
    public int XctipPort { get; init; }

    /// <summary>XCTIP-over-TLS port; <see langword="null"/> (default) = TLS off, 0 = ephemeral.</summary>
    public int? XctipTlsPort { get; init; }

    /// <summary>CTIP port; <see langword="null"/> (default) = CTIP off, 0 = ephemeral.</summary>
    public int? CtipPort { get; init; }

    /// <summary>TLS server certificate with private key; <see langword="null"/> = a self-signed one (CN=localhost) is made at start.</summary>
    public X509Certificate2? TlsCertificate { get; init; }

    /// <summary>The PBX's data; <see langword="null"/> = <see cref="PbxWorldData.CreateDefault"/>.</summary>
    public PbxWorldData? World { get; init; }

    /// <summary>
    /// Character set of both protocols: what the emulator writes and how it reads frames without an XML declaration.
    /// Default code page 852, the PBX default; use <see cref="CtiEncoding.Utf8"/> to model a PBX switched to UTF-8.
    /// </summary>
    public CtiEncoding Encoding { get; init; } = CtiEncoding.Ibm852;

    /// <summary>Clock for timestamps, answer delays, no-answer forwarding and door timers. Default system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Logging; <see langword="null"/> = none.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Outbound queue length per session (frames or lines). A session whose client does not read and falls this far
    /// behind is closed, so one slow client never holds up the PBX or other clients. Default 10,000.
    /// </summary>
    public int SessionQueueCapacity { get; init; } = 10_000;

    /// <summary>Entries the <see cref="PbxLedger"/> keeps before dropping the oldest half; 0 = no ledger. Default 200,000.</summary>
    public int LedgerCapacity { get; init; } = 200_000;

    /// <summary>How long a door stays open after <c>Door/Open_REQ</c> before it reports <c>Close</c>. Default 5 s.</summary>
    public TimeSpan DoorOpenTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one ring lasts, for forwarding on no answer (<c>Rings</c> × this). Default 5 s.</summary>
    public TimeSpan RingDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Interval of the CTIP <c>t</c> test frames the PBX may send to every CTIP connection; <see langword="null"/>
    /// (default) = only the one after login. Clients must ignore them (protocol.md 6.1).
    /// </summary>
    public TimeSpan? CtipTestFrameInterval { get; init; }

    /// <summary>Encode a fan-out event once and share the bytes across sessions (default). Off only for benchmarks.</summary>
    public bool ShareEncodedEvents { get; init; } = true;
}
