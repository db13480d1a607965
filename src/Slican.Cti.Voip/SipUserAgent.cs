using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Slican.Cti.Voip.Calls;
using Slican.Cti.Voip.Rtp;
using Slican.Cti.Voip.Registration;
using Slican.Cti.Voip.Sip.Auth;
using Slican.Cti.Voip.Sip.Messages;
using Slican.Cti.Voip.Sip.Transactions;
using Slican.Cti.Voip.Sip.Transport;

namespace Slican.Cti.Voip;

/// <summary>
/// The SIP user agent: transports, transactions, registrations and calls. One instance serves several accounts
/// and several concurrent calls; incoming calls arrive on <see cref="IncomingCalls"/>.
/// </summary>
public sealed partial class SipUserAgent : IAsyncDisposable
{
    private readonly SipTransactionLayer _transactions;
    private readonly ConcurrentDictionary<string, SipCall> _calls = new(StringComparer.Ordinal);
    private readonly List<SipRegistration> _registrations = new();
    private readonly System.Threading.Channels.Channel<SipCall> _incoming = System.Threading.Channels.Channel.CreateBounded<SipCall>(new System.Threading.Channels.BoundedChannelOptions(16) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite });
    private readonly RtpPortAllocator _rtpPorts;
    private int _disposed;

    /// <summary>
    /// Binds UDP, and TCP on the same port number. With an ephemeral port (0) the number the OS gives UDP may be taken
    /// for TCP by another socket, so a clash is retried with a new number; a fixed port fails at once.
    /// </summary>
    private List<SipTransport> BindTransports()
    {
        const int attempts = 20;
        for (int attempt = 1; ; attempt++)
        {
            var udp = new SipUdpTransport(new IPEndPoint(Options.LocalAddress, Options.SipPort), Options.ParserLimits, Logger);
            if (!Options.EnableTcp)
            {
                return [udp];
            }

            try
            {
                return [udp, new SipTcpTransport(new IPEndPoint(Options.LocalAddress, udp.LocalEndPoint.Port), Options.ParserLimits, Logger)];
            }
            catch (SipTransportException) when (Options.SipPort == 0 && attempt < attempts)
            {
                udp.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch
            {
                udp.DisposeAsync().AsTask().GetAwaiter().GetResult();
                throw;
            }
        }
    }

    /// <summary>Binds the SIP sockets and starts receiving.</summary>
    public SipUserAgent(SipUserAgentOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, IRandomSource? random = null)
    {
        Options = options ?? new SipUserAgentOptions();
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Logger = LoggerFactory.CreateLogger("Slican.Cti.Voip");
        Time = timeProvider ?? TimeProvider.System;
        Random = random ?? DefaultRandom.Instance;
        var transports = BindTransports();

        _transactions = new SipTransactionLayer(transports, Options.Timers, Time)
        {
            RequestReceived = OnRequestAsync,
            StrayResponseReceived = OnStrayResponseAsync,
        };
        _rtpPorts = new RtpPortAllocator(Options.RtpPortMin, Options.RtpPortMax);
        MediaClock = Time == TimeProvider.System ? new MediaClock() : null;
        foreach (var t in transports)
        {
            t.Start();
        }
    }

    /// <summary>Options the agent was created with.</summary>
    public SipUserAgentOptions Options { get; }

    /// <summary>The local UDP endpoint (useful with port 0).</summary>
    public IPEndPoint LocalEndPoint => _transactions.LocalEndPoint(SipTransportKind.Udp);

    /// <summary>The local TCP endpoint, or null when TCP is disabled.</summary>
    public IPEndPoint? LocalTcpEndPoint => Options.EnableTcp ? _transactions.LocalEndPoint(SipTransportKind.Tcp) : null;

    /// <summary>Messages dropped as malformed or oversize (each is logged as a warning with the reason).</summary>
    public long MalformedMessageCount => _transactions.MalformedCount;

    /// <summary>Incoming calls, in arrival order (answer, reject or let them ring).</summary>
    public IAsyncEnumerable<SipCall> IncomingCalls => _incoming.Reader.ReadAllAsync();

    /// <summary>Raised for every incoming call, before it is queued on <see cref="IncomingCalls"/>.</summary>
    public event Action<SipCall>? IncomingCall;

    /// <summary>Calls that are not yet terminated.</summary>
    public IReadOnlyCollection<SipCall> ActiveCalls => _calls.Values.Distinct().Where(c => c.State != SipCallState.Terminated).ToList();

    internal ILoggerFactory LoggerFactory { get; }

    internal ILogger Logger { get; }

    internal TimeProvider Time { get; }

    internal IRandomSource Random { get; }

    internal SipTransactionLayer Transactions => _transactions;

    internal RtpPortAllocator RtpPorts => _rtpPorts;

    /// <summary>Shared media clock on a dedicated thread (real time only; tests with a fake clock use per-session timers).</summary>
    internal MediaClock? MediaClock { get; }

    /// <summary>Default account for incoming calls (the first registered or called with).</summary>
    internal SipAccount? DefaultAccount { get; set; }

    /// <summary>Registers an account and keeps it registered until the returned object is disposed.</summary>
    public async Task<SipRegistration> RegisterAsync(SipAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        DefaultAccount ??= account;
        var registration = new SipRegistration(this, account);
        await registration.RegisterAsync(account.RegisterExpires, cancellationToken).ConfigureAwait(false);
        lock (_registrations)
        {
            _registrations.Add(registration);
        }

        return registration;
    }

    /// <summary>
    /// Starts an outgoing call: sends INVITE with an SDP offer and returns at once. Await
    /// <see cref="SipCall.WaitForAnswerAsync"/> for the answer.
    /// </summary>
    /// <param name="account">Account to call from (its registrar is the outbound proxy).</param>
    /// <param name="target">A number (<c>"204"</c>) or a SIP URI (<c>"sip:204@pbx"</c>).</param>
    /// <param name="options">Media options; defaults when null.</param>
    /// <param name="cancellationToken">Cancels sending the INVITE.</param>
    public async Task<SipCall> CallAsync(SipAccount account, string target, SipCallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        DefaultAccount ??= account;
        var uri = target.Contains(':', StringComparison.Ordinal) ? SipUri.Parse(target) : new SipUri { User = target, Host = account.Registrar };
        var call = SipCall.CreateOutgoing(this, account, uri, options ?? new SipCallOptions());
        await call.StartOutgoingAsync(cancellationToken).ConfigureAwait(false);
        return call;
    }

    internal void RegisterDialog(string key, SipCall call) => _calls[key] = call;

    internal void UnregisterDialog(string key) => _calls.TryRemove(key, out _);

    internal static string DialogKey(string callId, string localTag) => string.Concat(callId, "|", localTag);

    /// <summary>Contact URI for an account: public address if configured, else the local address facing the registrar.</summary>
    internal SipUri ContactUriFor(SipAccount account)
    {
        var transport = _transactions.GetTransport(account.Transport);
        string host = Options.PublicAddress ?? HostFacing(account.Registrar, transport.LocalEndPoint.Address);
        var uri = new SipUri { User = account.UserName, Host = host, Port = transport.LocalEndPoint.Port };
        if (account.Transport == SipTransportKind.Tcp)
        {
            uri.Parameters.Add(new("transport", "tcp"));
        }

        return uri;
    }

    /// <summary>The local IP address used to reach a host (for Contact, Via and SDP when bound to any).</summary>
    internal static string HostFacing(string remoteHost, IPAddress bound)
    {
        if (!bound.Equals(IPAddress.Any) && !bound.Equals(IPAddress.IPv6Any))
        {
            return FormatHost(bound);
        }

        if (IPAddress.TryParse(remoteHost, out var remote))
        {
            using var probe = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                probe.Connect(new IPEndPoint(remote, 9)); // no packet is sent: this only asks the routing table
                return FormatHost(((IPEndPoint)probe.LocalEndPoint!).Address);
            }
            catch (SocketException)
            {
            }
        }

        return "127.0.0.1";
    }

    private static string FormatHost(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    /// <summary>Builds an out-of-dialog request with Via (branch, rport), Max-Forwards, From, To, Call-ID, CSeq, Contact.</summary>
    internal SipRequest CreateOutOfDialogRequest(string method, string requestUri, SipAccount account, SipNameAddress to, string callId, uint cseq, string fromTag)
    {
        var request = new SipRequest(method, requestUri);
        request.AddHeader(SipHeaderNames.Via, NewVia(account.Transport, account.Registrar).ToString());
        request.AddHeader(SipHeaderNames.MaxForwards, "70");
        var from = new SipNameAddress { DisplayName = account.DisplayName, Uri = SipUri.Parse(account.AddressOfRecord) }.WithTag(fromTag);
        request.AddHeader(SipHeaderNames.From, from.ToString());
        request.AddHeader(SipHeaderNames.To, to.ToString());
        request.AddHeader(SipHeaderNames.CallId, callId);
        request.AddHeader(SipHeaderNames.CSeq, new SipCSeq(cseq, method).ToString());
        request.AddHeader(SipHeaderNames.Contact, $"<{ContactUriFor(account)}>");
        request.AddHeader(SipHeaderNames.UserAgent, Options.UserAgentName);
        return request;
    }

    /// <summary>A fresh Via with a new RFC 3261 branch and an empty rport (RFC 3581) so NATs are traversed.</summary>
    internal SipVia NewVia(SipTransportKind kind, string remoteHost)
    {
        var local = _transactions.LocalEndPoint(kind);
        var via = new SipVia
        {
            Transport = kind == SipTransportKind.Tcp ? "TCP" : "UDP",
            Host = Options.PublicAddress ?? HostFacing(remoteHost, local.Address),
            Port = local.Port,
        };
        via.SetParameter("branch", SipVia.BranchCookie + Random.NextHex(16));
        via.SetParameter("rport", null);
        return via;
    }

    /// <summary>Resolves where a request for a host goes.</summary>
    internal static async ValueTask<SipEndPoint> ResolveAsync(SipTransportKind kind, string host, int port, CancellationToken cancellationToken)
    {
        string bare = host.Trim('[', ']');
        if (!IPAddress.TryParse(bare, out var address))
        {
            IPAddress[] addresses;
            try
            {
                addresses = await Dns.GetHostAddressesAsync(bare, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw new SipTransportException($"Cannot resolve SIP host '{host}': {ex.SocketErrorCode}. Check the registrar/PBX address.", ex);
            }

            address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
                ?? throw new SipTransportException($"SIP host '{host}' has no address.");
        }

        return new SipEndPoint(kind, new IPEndPoint(address, port));
    }

    /// <summary>Sends an out-of-dialog request to the account's registrar and awaits the final response.</summary>
    internal async Task<SipResponse> SendOutOfDialogAsync(SipRequest request, SipAccount account, Action<SipResponse>? onProvisional, CancellationToken cancellationToken)
    {
        var destination = await ResolveAsync(account.Transport, account.Registrar, account.Port, cancellationToken).ConfigureAwait(false);
        var tx = await _transactions.SendRequestAsync(request, destination, onProvisional, cancellationToken).ConfigureAwait(false);
        return await tx.FinalResponse.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask OnRequestAsync(SipRequest request, SipServerTransaction? tx, SipEndPoint source)
    {
        var to = request.To;
        if (to.Tag is { } localTag && _calls.TryGetValue(DialogKey(request.CallId, localTag), out var call))
        {
            await call.OnInDialogRequestAsync(request, tx, source).ConfigureAwait(false);
            return;
        }

        if (tx is null)
        {
            return; // stray ACK
        }

        switch (request.Method)
        {
            case "INVITE" when to.Tag is null:
                await OnNewInviteAsync(request, tx, source).ConfigureAwait(false);
                break;
            case "CANCEL":
                await OnCancelAsync(request, tx).ConfigureAwait(false);
                break;
            case "OPTIONS":
                var ok = tx.CreateResponse(200, "OK", Random.NextHex(10));
                ok.AddHeader(SipHeaderNames.Allow, SipCall.AllowedMethods);
                ok.AddHeader(SipHeaderNames.Supported, "replaces");
                await tx.SendResponseAsync(ok).ConfigureAwait(false);
                break;
            case "NOTIFY" or "BYE" or "INFO" or "REFER" or "UPDATE" or "PRACK" or "INVITE":
                VoipLog.UnknownDialog(Logger, request.Method, request.CallId);
                await tx.SendResponseAsync(tx.CreateResponse(481, "Call/Transaction Does Not Exist")).ConfigureAwait(false);
                break;
            default:
                var notAllowed = tx.CreateResponse(405, "Method Not Allowed", Random.NextHex(10));
                notAllowed.AddHeader(SipHeaderNames.Allow, SipCall.AllowedMethods);
                await tx.SendResponseAsync(notAllowed).ConfigureAwait(false);
                break;
        }
    }

    private async ValueTask OnNewInviteAsync(SipRequest request, SipServerTransaction tx, SipEndPoint source)
    {
        if (Volatile.Read(ref _disposed) != 0 || ActiveCalls.Count >= Options.MaxCalls)
        {
            await tx.SendResponseAsync(tx.CreateResponse(486, "Busy Here", Random.NextHex(10))).ConfigureAwait(false);
            return;
        }

        var replaces = request.GetHeader(SipHeaderNames.Replaces);
        SipCall? replaced = null;
        if (replaces is not null)
        {
            replaced = FindReplaced(replaces);
            if (replaced is null)
            {
                await tx.SendResponseAsync(tx.CreateResponse(481, "Call/Transaction Does Not Exist", Random.NextHex(10))).ConfigureAwait(false);
                return;
            }
        }

        var account = DefaultAccount ?? new SipAccount { Registrar = source.EndPoint.Address.ToString(), Port = source.EndPoint.Port, UserName = SipUri.Parse(request.RequestUri).User ?? "anonymous", Transport = source.Kind, UseRegistrarAsOutboundProxy = false };
        var call = SipCall.CreateIncoming(this, account, request, tx, source);
        await call.StartIncomingAsync().ConfigureAwait(false);
        if (call.State == SipCallState.Terminated)
        {
            return;
        }

        if (replaced is not null)
        {
            // RFC 3891: the new call takes the place of the replaced one: answer it and hang up the old one. This
            // runs off the receive loop, which must stay free to deliver the BYE's response.
            _ = Task.Run(async () =>
            {
                try
                {
                    await call.AnswerAsync().ConfigureAwait(false);
                    await replaced.HangUpAsync().ConfigureAwait(false);
                }
#pragma warning disable CA1031 // runs detached: the failure is logged, the calls end by their own timers
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    VoipLog.CallWarning(Logger, call.CallId, "replacing call " + replaced.CallId + " failed: " + ex.Message);
                }
            });
            IncomingCall?.Invoke(call);
            return;
        }

        IncomingCall?.Invoke(call);
        _incoming.Writer.TryWrite(call);
    }

    private SipCall? FindReplaced(string replaces)
    {
        // Replaces: call-id;to-tag=<their local tag... from our side the remote's view>;from-tag=...
        var parts = SipText.SplitOutsideQuotes(replaces, ';');
        string callId = parts[0].Trim();
        var p = SipText.ParseParameters(replaces[parts[0].Length..]);
        string? toTag = SipText.Get(p, "to-tag");
        string? fromTag = SipText.Get(p, "from-tag");
        foreach (var c in _calls.Values)
        {
            if (c.Dialog is { } d && d.CallId == callId && d.LocalTag == toTag && d.RemoteTag == fromTag && c.State != SipCallState.Terminated)
            {
                return c;
            }
        }

        return null;
    }

    private async ValueTask OnCancelAsync(SipRequest cancel, SipServerTransaction tx)
    {
        var inviteTx = _transactions.FindInviteTransaction(cancel.TopVia.Branch ?? string.Empty);
        if (inviteTx is null)
        {
            await tx.SendResponseAsync(tx.CreateResponse(481, "Call/Transaction Does Not Exist")).ConfigureAwait(false);
            return;
        }

        var call = _calls.Values.FirstOrDefault(c => c.InviteTransaction == inviteTx);
        await tx.SendResponseAsync(tx.CreateResponse(200, "OK", call?.Dialog?.LocalTag)).ConfigureAwait(false);
        if (call is not null)
        {
            await call.OnCancelledAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask OnStrayResponseAsync(SipResponse response, SipEndPoint source)
    {
        if (response.CSeq.Method == "INVITE" && response.IsSuccess && response.From.Tag is { } localTag)
        {
            if (_calls.TryGetValue(DialogKey(response.CallId, localTag), out var call))
            {
                await call.OnRetransmitted2xxAsync(response).ConfigureAwait(false);
            }
        }
    }

    internal static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Hangs up every call, unregisters every account and closes the sockets.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var call in _calls.Values.Distinct().ToList())
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await call.HangUpAsync(cts.Token).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // shutdown is best effort per call
            catch (Exception ex)
#pragma warning restore CA1031
            {
                VoipLog.CallWarning(Logger, call.CallId, "hang-up on dispose failed: " + ex.Message);
            }

            await call.DisposeAsync().ConfigureAwait(false);
        }

        List<SipRegistration> registrations;
        lock (_registrations)
        {
            registrations = _registrations.ToList();
        }

        foreach (var r in registrations)
        {
            await r.DisposeAsync().ConfigureAwait(false);
        }

        _incoming.Writer.TryComplete();
        await _transactions.DisposeAsync().ConfigureAwait(false);
        MediaClock?.Dispose();
    }
}
