using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Slican.Cti.Testing.Ctip;
using Slican.Cti.Testing.Net;
using Slican.Cti.Testing.Xctip;

namespace Slican.Cti.Testing;

/// <summary>
/// An emulated Slican PBX: XCTIP (plain and TLS) and CTIP servers over one shared, stateful <see cref="PbxWorld"/>,
/// with <see cref="Scenario"/> to drive it, <see cref="Faults"/> to break it and <see cref="Ledger"/> to see what
/// every client was sent. <c>await using var pbx = await PbxEmulator.StartAsync();</c>
/// </summary>
public sealed class PbxEmulator : IAsyncDisposable
{
    private static readonly TimeSpan s_tlsHandshakeTimeout = TimeSpan.FromSeconds(10);
    private readonly PbxEmulatorContext _context;
    private readonly List<AcceptLoop> _loops = [];
    private readonly bool _ownsCertificate;
    private ITimer? _testFrames;
    private int _disposed;

    private PbxEmulator(PbxEmulatorContext context, X509Certificate2? certificate, bool ownsCertificate)
    {
        _context = context;
        TlsCertificate = certificate;
        _ownsCertificate = ownsCertificate;
        Scenario = new PbxScenario(context);
    }

    /// <summary>Where XCTIP listens.</summary>
    public IPEndPoint XctipEndPoint { get; private set; } = null!;

    /// <summary>Where XCTIP over TLS listens, or <see langword="null"/> when off.</summary>
    public IPEndPoint? XctipTlsEndPoint { get; private set; }

    /// <summary>Where CTIP listens, or <see langword="null"/> when off.</summary>
    public IPEndPoint? CtipEndPoint { get; private set; }

    /// <summary>The TLS server certificate (for pinning its thumbprint in tests), or <see langword="null"/> when TLS is off.</summary>
    public X509Certificate2? TlsCertificate { get; }

    /// <summary>The live PBX state.</summary>
    public PbxWorld World => _context.World;

    /// <summary>Drives the world from code: calls, presence, chat, SMS, queues, doors, phone-book edits.</summary>
    public PbxScenario Scenario { get; }

    /// <summary>Fault injection.</summary>
    public PbxFaults Faults => _context.Faults;

    /// <summary>Everything written to clients.</summary>
    public PbxLedger Ledger => _context.Ledger;

    /// <summary>Starts the servers. Ports 0 are ephemeral; read the end points back.</summary>
    /// <exception cref="SocketException">A port is in use or the address is not local.</exception>
    public static async Task<PbxEmulator> StartAsync(PbxEmulatorOptions? options = null, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        options ??= new PbxEmulatorOptions();
        var context = new PbxEmulatorContext(options, options.LoggerFactory ?? NullLoggerFactory.Instance);
        bool owns = options.XctipTlsPort is not null && options.TlsCertificate is null;
        var certificate = options.XctipTlsPort is null ? null : options.TlsCertificate ?? SelfSignedCertificate.Create(options.TimeProvider);
        var emulator = new PbxEmulator(context, certificate, owns);
        var logger = context.LoggerFactory.CreateLogger<PbxEmulator>();
        try
        {
            var xctip = emulator.Listen(options.XctipPort, (socket, stopping) => new XctipSession(context, socket, new NetworkStream(socket, ownsSocket: true), PbxProtocol.Xctip).RunAsync(stopping), logger);
            emulator.XctipEndPoint = xctip.EndPoint;
            if (options.XctipTlsPort is { } tlsPort)
            {
                emulator.XctipTlsEndPoint = emulator.Listen(tlsPort, emulator.ServeTlsAsync, logger).EndPoint;
            }

            if (options.CtipPort is { } ctipPort)
            {
                emulator.CtipEndPoint = emulator.Listen(ctipPort, (socket, stopping) => new CtipSession(context, socket, new NetworkStream(socket, ownsSocket: true)).RunAsync(stopping), logger).EndPoint;
                if (options.CtipTestFrameInterval is { } every && every > TimeSpan.Zero)
                {
                    emulator._testFrames = options.TimeProvider.CreateTimer(_ => context.World.SendCtipTestFrames(), null, every, every);
                }
            }
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        Log.Listening(logger, emulator.XctipEndPoint.ToString(), emulator.XctipTlsEndPoint?.ToString() ?? "off", emulator.CtipEndPoint?.ToString() ?? "off");
        return emulator;
    }

    /// <summary>
    /// Restarts the PBX: every session is dropped (clients must reconnect), calls in progress vanish, the data is
    /// kept. With <paramref name="newEpoch"/> the sync store counts as reset: every stored marker becomes stale and
    /// clients get <c>DelAll</c> + <c>WrongMarker</c>. The ports stay the same.
    /// </summary>
    /// <remarks>
    /// The restarted state (new epoch, no calls) is applied before any session is dropped, so the restart is atomic
    /// for clients: a client that reconnects the moment its connection closes already sees the restarted PBX and
    /// can never resync against the old epoch.
    /// </remarks>
    public async Task RestartAsync(bool newEpoch = false, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        World.Restart(newEpoch);
        await World.DropSessionsAsync(null).WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Stops the listeners and closes every session.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_testFrames is not null)
        {
            await _testFrames.DisposeAsync().ConfigureAwait(false);
        }

        var stopping = _loops.Select(l => l.StopAsync()).ToArray();
        await World.DropSessionsAsync(null).ConfigureAwait(false);
        await Task.WhenAll(stopping).ConfigureAwait(false);
        if (_ownsCertificate)
        {
            TlsCertificate?.Dispose();
        }
    }

    private AcceptLoop Listen(int port, Func<Socket, CancellationToken, Task> serve, ILogger logger)
    {
        var loop = new AcceptLoop(new IPEndPoint(_context.Options.Address, port), serve, logger);
        loop.Start();
        _loops.Add(loop);
        return loop;
    }

    private async Task ServeTlsAsync(Socket socket, CancellationToken ct)
    {
        var ssl = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(s_tlsHandshakeTimeout);
            await ssl.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = TlsCertificate,
                    ClientCertificateRequired = false,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                },
                timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException or SocketException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            return;
        }

        await new XctipSession(_context, socket, ssl, PbxProtocol.XctipTls).RunAsync(ct).ConfigureAwait(false);
    }
}
