using System.Globalization;
using System.Net;
using System.Text;
using Slican.Cti.Voip.Media;
using Slican.Cti.Voip.Rtp;
using Slican.Cti.Voip.Sdp;
using Slican.Cti.Voip.Sip.Auth;
using Slican.Cti.Voip.Sip.Dialogs;
using Slican.Cti.Voip.Sip.Messages;
using Slican.Cti.Voip.Sip.Transactions;
using Slican.Cti.Voip.Sip.Transport;

namespace Slican.Cti.Voip.Calls;

/// <summary>
/// One call (INVITE dialog) with its RTP audio session: outgoing or incoming, ringing, early media, answer, hold and
/// resume by re-INVITE, DTMF (RFC 4733 or SIP INFO), blind and attended transfer by REFER, and hang-up (CANCEL or
/// BYE). Events are raised off the network threads' critical sections; keep handlers short.
/// </summary>
public sealed class SipCall : IAsyncDisposable
{
    internal const string AllowedMethods = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER, NOTIFY, UPDATE";

    private readonly SipUserAgent _agent;
    private readonly SipCallOptions _options;
    private readonly DigestAuthenticator? _auth;
    private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SipCallEnd> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private readonly ulong _sdpSessionId;
    private ulong _sdpVersion;
    private SipRequest? _invite;
    private SipRequest? _ackFor2xx;
    private SipResponse? _our2xx;
    private ITimer? _2xxTimer;
    private ITimer? _ringTimer;
    private TimeSpan _2xxInterval;
    private SdpSession? _remoteOffer;
    private bool _cancelRequested;
    private MediaDirection _wantedDirection = MediaDirection.SendRecv;
    private TaskCompletionSource<int>? _transferResult;

    private SipCall(SipUserAgent agent, SipAccount account, SipCallDirection direction, SipCallOptions options)
    {
        _agent = agent;
        Account = account;
        Direction = direction;
        _options = options;
        _auth = account.Credentials is { } c ? new DigestAuthenticator(c) : null;
        _sdpSessionId = agent.Random.NextUInt32();
        _sdpVersion = 1;
    }

    /// <summary>Call-ID of the dialog.</summary>
    public string CallId => Dialog?.CallId ?? string.Empty;

    /// <summary>Outgoing or incoming.</summary>
    public SipCallDirection Direction { get; }

    /// <summary>Account the call belongs to.</summary>
    public SipAccount Account { get; }

    /// <summary>Current state.</summary>
    public SipCallState State { get; private set; }

    /// <summary>The far end's address (To for outgoing, From for incoming).</summary>
    public SipUri RemoteUri => Dialog!.RemoteUri.Uri;

    /// <summary>The far end's display name, if it sent one.</summary>
    public string? RemoteDisplayName => Dialog?.RemoteUri.DisplayName;

    /// <summary>Audio session (source, sink, mute, statistics). Null only before media is set up.</summary>
    public RtpAudioSession? Media { get; private set; }

    /// <summary>True while we hold the far end.</summary>
    public bool IsLocalHold { get; private set; }

    /// <summary>True while the far end holds us (its offer was sendonly/inactive or c=0.0.0.0).</summary>
    public bool IsRemoteHold { get; private set; }

    /// <summary>Completes when the call ends, with the reason.</summary>
    public Task<SipCallEnd> Ended => _ended.Task;

    /// <summary>Raised on every state change.</summary>
    public event Action<SipCall, SipCallState>? StateChanged;

    /// <summary>Raised for each DTMF digit received, by RFC 4733 or SIP INFO.</summary>
    public event Action<SipCall, char>? DtmfReceived;

    /// <summary>Raised when the far end puts us on hold or resumes (argument: now held).</summary>
    public event Action<SipCall, bool>? RemoteHoldChanged;

    /// <summary>Raised when the far end transferred us and the new call to the transfer target was started.</summary>
    public event Action<SipCall, SipCall>? Transferred;

    /// <summary>Raised with each sipfrag status the transferee reports while a transfer we started proceeds.</summary>
    public event Action<SipCall, int>? TransferProgress;

    internal SipDialog? Dialog { get; private set; }

    internal SipServerTransaction? InviteTransaction { get; private set; }

    private string ContactHeader => $"<{_agent.ContactUriFor(Account)}>";

    internal static SipCall CreateOutgoing(SipUserAgent agent, SipAccount account, SipUri target, SipCallOptions options)
    {
        var call = new SipCall(agent, account, SipCallDirection.Outgoing, options) { State = SipCallState.Calling };
        var local = new SipNameAddress { DisplayName = account.DisplayName, Uri = SipUri.Parse(account.AddressOfRecord) };
        var remote = new SipNameAddress { Uri = target.With(clearHeaders: true) };
        call.Dialog = new SipDialog(agent.Random.NextHex(24) + "@slican-cti", agent.Random.NextHex(12), local, remote, target.With(clearHeaders: true), account.Transport, 0);
        return call;
    }

    internal static SipCall CreateIncoming(SipUserAgent agent, SipAccount account, SipRequest invite, SipServerTransaction tx, SipEndPoint source)
    {
        var call = new SipCall(agent, account, SipCallDirection.Incoming, new SipCallOptions()) { State = SipCallState.Ringing };
        var from = invite.From;
        var to = invite.To;
        var contact = invite.GetHeaderValues(SipHeaderNames.Contact).FirstOrDefault() is { } c ? SipNameAddress.Parse(c).Uri : from.Uri;
        call.Dialog = new SipDialog(invite.CallId, agent.Random.NextHex(12), new SipNameAddress { DisplayName = to.DisplayName, Uri = to.Uri }, new SipNameAddress { DisplayName = from.DisplayName, Uri = from.Uri }, contact, source.Kind, (uint)agent.Random.NextUInt32() & 0xFFFF)
        {
            RemoteTag = from.Tag,
            RemoteSeq = invite.CSeq.Number,
            RouteSet = invite.GetHeaderValues(SipHeaderNames.RecordRoute).ToList(),
        };
        call._invite = invite;
        call.InviteTransaction = tx;
        return call;
    }

    // ---------------------------------------------------------------- outgoing

    internal async Task StartOutgoingAsync(CancellationToken cancellationToken)
    {
        var dialog = Dialog!;
        _agent.RegisterDialog(SipUserAgent.DialogKey(dialog.CallId, dialog.LocalTag), this);
        CreateMedia();
        _invite = BuildInvite();
        var destination = await OutOfDialogDestinationAsync(cancellationToken).ConfigureAwait(false);
        var tx = await _agent.Transactions.SendRequestAsync(_invite, destination, OnProvisional, cancellationToken).ConfigureAwait(false);
        _ = Task.Run(() => CompleteOutgoingAsync(tx, destination), CancellationToken.None);
    }

    private ValueTask<SipEndPoint> OutOfDialogDestinationAsync(CancellationToken cancellationToken)
    {
        if (Account.UseRegistrarAsOutboundProxy)
        {
            return SipUserAgent.ResolveAsync(Account.Transport, Account.Registrar, Account.Port, cancellationToken);
        }

        var target = Dialog!.RemoteTarget;
        return SipUserAgent.ResolveAsync(Account.Transport, target.Host, target.Port ?? 5060, cancellationToken);
    }

    private SipRequest BuildInvite()
    {
        var dialog = Dialog!;
        var via = _agent.NewVia(Account.Transport, Account.Registrar);
        var request = dialog.CreateRequest("INVITE", via, ContactHeader, _agent.Options.UserAgentName);
        request.AddHeader(SipHeaderNames.Allow, AllowedMethods);
        request.AddHeader(SipHeaderNames.Supported, "replaces");
        foreach (var h in _options.ExtraHeaders)
        {
            request.Headers.Add(h);
        }

        var offer = SdpNegotiator.CreateOffer(MediaAddress(), Media!.LocalEndPoint.Port, _options.Codecs, _wantedDirection, _sdpSessionId, _sdpVersion);
        request.SetHeader(SipHeaderNames.ContentType, "application/sdp");
        request.Body = Encoding.UTF8.GetBytes(offer.ToString());
        _auth?.Authorize(request, _agent.Random);
        return request;
    }

    private void OnProvisional(SipResponse response)
    {
        if (State is not (SipCallState.Calling or SipCallState.Ringing or SipCallState.EarlyMedia) || response.StatusCode == 100)
        {
            return;
        }

        if (response.To.Tag is { } tag && Dialog!.RemoteTag is null)
        {
            Dialog.RemoteTag = tag;
        }

        if (response.Body.Length > 0 && IsSdp(response))
        {
            if (TryApplyAnswer(response.BodyText))
            {
                SetState(SipCallState.EarlyMedia);
                Media!.Start();
                return;
            }
        }

        if (response.StatusCode is 180 or 181 or 182 && State == SipCallState.Calling)
        {
            SetState(SipCallState.Ringing);
        }
    }

    private async Task CompleteOutgoingAsync(SipClientTransaction tx, SipEndPoint destination)
    {
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                var response = await tx.FinalResponse.ConfigureAwait(false);
                if (response.StatusCode is 401 or 407 && attempt < 3 && !_cancelRequested && _auth is not null && _auth.AcceptChallenge(response))
                {
                    Dialog!.LocalSeq++;
                    _invite = RebuildInvite();
                    tx = await _agent.Transactions.SendRequestAsync(_invite, destination, OnProvisional, CancellationToken.None).ConfigureAwait(false);
                    continue;
                }

                if (response.IsSuccess)
                {
                    await OnInvite2xxAsync(response, destination).ConfigureAwait(false);
                    return;
                }

                string reason = response.StatusCode == 487 && _cancelRequested ? "cancelled" : $"{response.StatusCode} {response.ReasonPhrase}";
                _answered.TrySetException(new SipCallFailedException($"Call to {RemoteUri} failed: {reason}.", response.StatusCode));
                await EndAsync(new SipCallEnd(response.StatusCode, reason, !_cancelRequested)).ConfigureAwait(false);
                return;
            }
        }
#pragma warning disable CA1031 // the outcome is reported through WaitForAnswerAsync and Ended
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _answered.TrySetException(new SipCallFailedException($"Call to {RemoteUri} failed: {ex.Message}", null));
            await EndAsync(new SipCallEnd(null, ex.Message, false)).ConfigureAwait(false);
        }
    }

    private SipRequest RebuildInvite()
    {
        var request = new SipRequest("INVITE", _invite!.RequestUri);
        foreach (var h in _invite.Headers)
        {
            if (h.Name.Equals(SipHeaderNames.Via, StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Add(new SipHeader(h.Name, _agent.NewVia(Account.Transport, Account.Registrar).ToString()));
            }
            else if (h.Name.Equals(SipHeaderNames.CSeq, StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Add(new SipHeader(h.Name, new SipCSeq(Dialog!.LocalSeq, "INVITE").ToString()));
            }
            else
            {
                request.Headers.Add(h);
            }
        }

        request.Body = _invite.Body;
        _auth!.Authorize(request, _agent.Random);
        return request;
    }

    private async Task OnInvite2xxAsync(SipResponse response, SipEndPoint destination)
    {
        var dialog = Dialog!;
        dialog.RemoteTag = response.To.Tag;
        if (response.GetHeaderValues(SipHeaderNames.Contact).FirstOrDefault() is { } contact)
        {
            dialog.RemoteTarget = SipNameAddress.Parse(contact).Uri;
        }

        var recordRoutes = response.GetHeaderValues(SipHeaderNames.RecordRoute).ToList();
        recordRoutes.Reverse();
        dialog.RouteSet = recordRoutes;
        _ackFor2xx = BuildAck(response.CSeq.Number);
        await SendInDialogStatelessAsync(_ackFor2xx).ConfigureAwait(false);
        if (_cancelRequested)
        {
            // CANCEL lost the race with the 2xx: the call exists now, so end it with BYE (RFC 3261 §9.1).
            SetState(SipCallState.Established);
            await HangUpAsync().ConfigureAwait(false);
            return;
        }

        if (IsSdp(response) && !TryApplyAnswer(response.BodyText))
        {
            SetState(SipCallState.Established);
            await SendByeAsync("no common codec in the answer").ConfigureAwait(false);
            _answered.TrySetException(new SipCallFailedException($"Call to {RemoteUri} was answered without a usable G.711 codec.", 488));
            return;
        }

        Media!.Start();
        SetState(SipCallState.Established);
        _answered.TrySetResult();
    }

    private SipRequest BuildAck(uint cseq)
    {
        var hop = Dialog!.NextHop();
        return Dialog.CreateRequest("ACK", _agent.NewVia(Account.Transport, hop.Host), ContactHeader, _agent.Options.UserAgentName, cseq);
    }

    internal async ValueTask OnRetransmitted2xxAsync(SipResponse response)
    {
        if (_ackFor2xx is not null && response.CSeq.Number == _ackFor2xx.CSeq.Number)
        {
            await SendInDialogStatelessAsync(_ackFor2xx).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until an outgoing call is answered; throws <see cref="SipCallFailedException"/> when it is not.</summary>
    public Task WaitForAnswerAsync(CancellationToken cancellationToken = default) => _answered.Task.WaitAsync(cancellationToken);

    // ---------------------------------------------------------------- incoming

    internal async Task StartIncomingAsync()
    {
        var dialog = Dialog!;
        _agent.RegisterDialog(SipUserAgent.DialogKey(dialog.CallId, dialog.LocalTag), this);
        var tx = InviteTransaction!;
        CreateMedia();
        if (_invite!.Body.Length > 0 && IsSdp(_invite))
        {
            try
            {
                _remoteOffer = SdpSession.Parse(_invite.BodyText);
            }
            catch (SdpException)
            {
                _remoteOffer = null;
            }

            if (_remoteOffer is null || SdpNegotiator.Select(_remoteOffer, _options.Codecs).Codec is null)
            {
                await tx.SendResponseAsync(tx.CreateResponse(488, "Not Acceptable Here", dialog.LocalTag)).ConfigureAwait(false);
                await EndAsync(new SipCallEnd(488, "no common codec offered", false)).ConfigureAwait(false);
                return;
            }
        }

        var ringing = tx.CreateResponse(180, "Ringing", dialog.LocalTag);
        ringing.AddHeader(SipHeaderNames.Contact, ContactHeader);
        await tx.SendResponseAsync(ringing).ConfigureAwait(false);
        _ringTimer = _agent.Time.CreateTimer(_ => _ = RejectAsync(480, "Temporarily Unavailable"), null, TimeSpan.FromSeconds(_agent.Options.RingTimeoutSeconds), Timeout.InfiniteTimeSpan);
    }

    /// <summary>Answers an incoming call (200 OK with the SDP answer) and starts media.</summary>
    public async Task AnswerAsync(CancellationToken cancellationToken = default)
    {
        if (Direction != SipCallDirection.Incoming || State != SipCallState.Ringing)
        {
            throw new InvalidOperationException($"Only a ringing incoming call can be answered; this call is {Direction} and {State}.");
        }

        _ringTimer?.Dispose();
        var tx = InviteTransaction!;
        var ok = tx.CreateResponse(200, "OK", Dialog!.LocalTag);
        ok.AddHeader(SipHeaderNames.Contact, ContactHeader);
        ok.AddHeader(SipHeaderNames.Allow, AllowedMethods);
        ok.AddHeader(SipHeaderNames.Supported, "replaces");
        ok.SetHeader(SipHeaderNames.ContentType, "application/sdp");
        ok.Body = Encoding.UTF8.GetBytes(BuildLocalSdp(_remoteOffer).ToString());
        if (_remoteOffer is not null)
        {
            ApplyRemoteSdp(_remoteOffer);
            Media!.Start();
        }

        _our2xx = ok;
        await tx.SendResponseAsync(ok, cancellationToken).ConfigureAwait(false);
        StartRetransmitting2xx(tx.ResponseDestination);
        SetState(SipCallState.Established);
    }

    /// <summary>Rejects a ringing incoming call (default 486 Busy Here; 603 Decline for a user refusal).</summary>
    public async Task RejectAsync(int statusCode = 486, string reason = "Busy Here")
    {
        if (Direction != SipCallDirection.Incoming || State != SipCallState.Ringing)
        {
            return;
        }

        _ringTimer?.Dispose();
        await InviteTransaction!.SendResponseAsync(InviteTransaction.CreateResponse(statusCode, reason, Dialog!.LocalTag)).ConfigureAwait(false);
        await EndAsync(new SipCallEnd(statusCode, reason, false)).ConfigureAwait(false);
    }

    internal async Task OnCancelledAsync()
    {
        if (State != SipCallState.Ringing || Direction != SipCallDirection.Incoming)
        {
            return;
        }

        _ringTimer?.Dispose();
        await InviteTransaction!.SendResponseAsync(InviteTransaction.CreateResponse(487, "Request Terminated", Dialog!.LocalTag)).ConfigureAwait(false);
        await EndAsync(new SipCallEnd(487, "cancelled by caller", true)).ConfigureAwait(false);
    }

    private void StartRetransmitting2xx(SipEndPoint destination)
    {
        if (destination.IsReliable)
        {
            return;
        }

        lock (_gate)
        {
            _2xxInterval = _agent.Options.Timers.T1;
            var started = _agent.Time.GetTimestamp();
            _2xxTimer?.Dispose();
            _2xxTimer = _agent.Time.CreateTimer(_ => On2xxTimer(destination, started), null, _2xxInterval, Timeout.InfiniteTimeSpan);
        }
    }

    private void On2xxTimer(SipEndPoint destination, long started)
    {
        SipResponse? response;
        lock (_gate)
        {
            response = _our2xx;
            if (response is null)
            {
                return;
            }

            if (_agent.Time.GetElapsedTime(started) >= _agent.Options.Timers.TransactionTimeout)
            {
                _our2xx = null;
                _ = SendByeAsync("no ACK for 200 OK"); // RFC 3261 §13.3.1.4
                return;
            }

            _2xxInterval = TimeSpan.FromTicks(Math.Min((_2xxInterval * 2).Ticks, _agent.Options.Timers.T2.Ticks));
            _2xxTimer?.Change(_2xxInterval, Timeout.InfiniteTimeSpan);
        }

        _ = SendQuietlyAsync(response, destination);
    }

    private async Task SendQuietlyAsync(SipMessage message, SipEndPoint destination)
    {
        try
        {
            await _agent.Transactions.SendStatelessAsync(message, destination, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SipTransportException)
        {
        }
    }

    // ---------------------------------------------------------------- in-dialog requests

    internal async ValueTask OnInDialogRequestAsync(SipRequest request, SipServerTransaction? tx, SipEndPoint source)
    {
        var dialog = Dialog!;
        if (request.Method == "ACK")
        {
            lock (_gate)
            {
                _our2xx = null;
                _2xxTimer?.Dispose();
            }

            if (_remoteOffer is null && request.Body.Length > 0 && IsSdp(request))
            {
                TryApplyAnswer(request.BodyText); // offer was in our 200 OK; answer arrives in ACK
                Media!.Start();
            }

            return;
        }

        if (tx is null)
        {
            return;
        }

        if (dialog.RemoteSeq is { } last && request.CSeq.Number <= last && request.Method != "CANCEL")
        {
            await tx.SendResponseAsync(tx.CreateResponse(500, "Server Internal Error")).ConfigureAwait(false); // out of order (RFC 3261 §12.2.2)
            return;
        }

        dialog.RemoteSeq = request.CSeq.Number;
        if (request.GetHeaderValues(SipHeaderNames.Contact).FirstOrDefault() is { } contact && request.Method is "INVITE" or "UPDATE")
        {
            dialog.RemoteTarget = SipNameAddress.Parse(contact).Uri;
        }

        switch (request.Method)
        {
            case "BYE":
                await tx.SendResponseAsync(tx.CreateResponse(200, "OK")).ConfigureAwait(false);
                await EndAsync(new SipCallEnd(null, "hung up by the far end", true)).ConfigureAwait(false);
                break;
            case "INVITE" or "UPDATE":
                await OnReInviteAsync(request, tx).ConfigureAwait(false);
                break;
            case "INFO":
                await tx.SendResponseAsync(tx.CreateResponse(200, "OK")).ConfigureAwait(false);
                if (ParseInfoDtmf(request) is { } digit)
                {
                    DtmfReceived?.Invoke(this, digit);
                }

                break;
            case "REFER":
                await OnReferAsync(request, tx).ConfigureAwait(false);
                break;
            case "NOTIFY":
                await tx.SendResponseAsync(tx.CreateResponse(200, "OK")).ConfigureAwait(false);
                OnReferNotify(request);
                break;
            case "OPTIONS":
                await tx.SendResponseAsync(tx.CreateResponse(200, "OK")).ConfigureAwait(false);
                break;
            default:
                var notAllowed = tx.CreateResponse(405, "Method Not Allowed");
                notAllowed.AddHeader(SipHeaderNames.Allow, AllowedMethods);
                await tx.SendResponseAsync(notAllowed).ConfigureAwait(false);
                break;
        }
    }

    private async Task OnReInviteAsync(SipRequest request, SipServerTransaction tx)
    {
        SdpSession? offer = null;
        if (request.Body.Length > 0 && IsSdp(request))
        {
            try
            {
                offer = SdpSession.Parse(request.BodyText);
            }
            catch (SdpException)
            {
                await tx.SendResponseAsync(tx.CreateResponse(488, "Not Acceptable Here")).ConfigureAwait(false);
                return;
            }

            if (SdpNegotiator.Select(offer, _options.Codecs).Codec is null)
            {
                await tx.SendResponseAsync(tx.CreateResponse(488, "Not Acceptable Here")).ConfigureAwait(false);
                return;
            }
        }

        bool holdChanged = false;
        if (offer is not null)
        {
            _remoteOffer = offer;
            bool held = offer.Direction is MediaDirection.SendOnly or MediaDirection.Inactive || offer.IsNullConnection;
            ApplyRemoteSdp(offer);
            holdChanged = held != IsRemoteHold;
            IsRemoteHold = held;
        }

        var ok = tx.CreateResponse(200, "OK");
        ok.AddHeader(SipHeaderNames.Contact, ContactHeader);
        ok.SetHeader(SipHeaderNames.ContentType, "application/sdp");
        _sdpVersion++;
        ok.Body = Encoding.UTF8.GetBytes(BuildLocalSdp(offer).ToString());
        await tx.SendResponseAsync(ok).ConfigureAwait(false);
        if (request.Method == "INVITE")
        {
            _our2xx = ok;
            StartRetransmitting2xx(tx.ResponseDestination);
        }

        // Raised once the answer is on its way, so a handler that reacts with its own re-INVITE (e.g. holding back)
        // does not overtake our 200 OK.
        if (holdChanged)
        {
            RemoteHoldChanged?.Invoke(this, IsRemoteHold);
        }
    }

    private static char? ParseInfoDtmf(SipRequest request)
    {
        string type = request.ContentType ?? string.Empty;
        string body = request.BodyText.Trim();
        if (type.StartsWith("application/dtmf-relay", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var line in body.Split('\n'))
            {
                var kv = line.Split('=', 2);
                if (kv.Length == 2 && kv[0].Trim().Equals("Signal", StringComparison.OrdinalIgnoreCase) && kv[1].Trim().Length == 1)
                {
                    return kv[1].Trim()[0];
                }
            }
        }
        else if (type.StartsWith("application/dtmf", StringComparison.OrdinalIgnoreCase) && body.Length > 0)
        {
            return int.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out int code) && code <= 15 ? DtmfEvent.DigitOf((byte)code) : body[0];
        }

        return null;
    }

    // ---------------------------------------------------------------- hold, DTMF

    /// <summary>Puts the far end on hold (re-INVITE with sendonly, or inactive when it holds us too).</summary>
    public Task HoldAsync(CancellationToken cancellationToken = default) => ChangeDirectionAsync(true, cancellationToken);

    /// <summary>Resumes a held call (re-INVITE with sendrecv, or recvonly while the far end still holds us).</summary>
    public Task ResumeAsync(CancellationToken cancellationToken = default) => ChangeDirectionAsync(false, cancellationToken);

    private async Task ChangeDirectionAsync(bool hold, CancellationToken cancellationToken)
    {
        EnsureEstablished();
        _wantedDirection = hold ? MediaDirection.SendOnly : MediaDirection.SendRecv;
        _sdpVersion++;
        var offered = SdpNegotiator.ReofferDirection(_wantedDirection, IsRemoteHold); // inactive when it holds us too
        var offer = SdpNegotiator.CreateOffer(MediaAddress(), Media!.LocalEndPoint.Port, _options.Codecs, offered, _sdpSessionId, _sdpVersion);
        var response = await SendInDialogAsync("INVITE", r =>
        {
            r.AddHeader(SipHeaderNames.Allow, AllowedMethods);
            r.SetHeader(SipHeaderNames.ContentType, "application/sdp");
            r.Body = Encoding.UTF8.GetBytes(offer.ToString());
        }, cancellationToken, beforeAck: answer =>
        {
            // Before the ACK: once the far end has it, it may send its own re-INVITE at once, and that offer must
            // be applied on top of this answer, not overwritten by it.
            if (IsSdp(answer))
            {
                TryApplyAnswer(answer.BodyText);
            }

            IsLocalHold = hold;
        }).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw new SipCallFailedException($"The far end refused the {(hold ? "hold" : "resume")} re-INVITE: {response.StatusCode} {response.ReasonPhrase}.", response.StatusCode);
        }
    }

    /// <summary>Sends a DTMF digit: RFC 4733 when negotiated (or asked), SIP INFO otherwise.</summary>
    public async Task SendDtmfAsync(char digit, DtmfMode mode = DtmfMode.Auto, CancellationToken cancellationToken = default)
    {
        EnsureEstablished();
        _ = DtmfEvent.CodeOf(digit);
        bool rtp = mode == DtmfMode.Rfc4733 || (mode == DtmfMode.Auto && Media!.TelephoneEventPayloadType is not null);
        if (rtp)
        {
            await Media!.SendDtmfAsync(digit, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var response = await SendInDialogAsync("INFO", r =>
        {
            r.SetHeader(SipHeaderNames.ContentType, "application/dtmf-relay");
            r.Body = Encoding.ASCII.GetBytes($"Signal={digit}\r\nDuration=160\r\n");
        }, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw new SipCallFailedException($"The far end refused DTMF by SIP INFO: {response.StatusCode} {response.ReasonPhrase}.", response.StatusCode);
        }
    }

    // ---------------------------------------------------------------- transfer

    /// <summary>
    /// Blind transfer: asks the far end (REFER) to call <paramref name="target"/>. Completes with the final status
    /// the far end reports by NOTIFY (200 when the target answered); on a 2xx this call is then ended with BYE.
    /// </summary>
    public Task<int> BlindTransferAsync(string target, CancellationToken cancellationToken = default)
    {
        var uri = target.Contains(':', StringComparison.Ordinal) ? SipUri.Parse(target) : new SipUri { User = target, Host = Account.Registrar };
        return ReferAsync($"<{uri}>", cancellationToken);
    }

    /// <summary>
    /// Attended transfer: asks the far end of this call to replace <paramref name="consultation"/> (REFER with a
    /// Refer-To carrying Replaces), joining the two far ends. Completes with the final NOTIFY status; on a 2xx this
    /// call is then ended with BYE (the consultation call is ended by the target when the Replaces INVITE arrives).
    /// </summary>
    public Task<int> AttendedTransferAsync(SipCall consultation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        consultation.EnsureEstablished();
        var d = consultation.Dialog!;
        string replaces = Uri.EscapeDataString($"{d.CallId};to-tag={d.RemoteTag};from-tag={d.LocalTag}");
        var target = d.RemoteTarget.With(clearHeaders: true);
        return ReferAsync($"<{target}?Replaces={replaces}>", cancellationToken);
    }

    private async Task<int> ReferAsync(string referTo, CancellationToken cancellationToken)
    {
        EnsureEstablished();
        _transferResult = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var response = await SendInDialogAsync("REFER", r =>
        {
            r.AddHeader(SipHeaderNames.ReferTo, referTo);
            r.AddHeader(SipHeaderNames.ReferredBy, $"<{Account.AddressOfRecord}>");
        }, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw new SipCallFailedException($"The far end refused the transfer: {response.StatusCode} {response.ReasonPhrase}.", response.StatusCode);
        }

        int status = await _transferResult.Task.WaitAsync(TimeSpan.FromSeconds(64), _agent.Time, cancellationToken).ConfigureAwait(false);
        if (status is >= 200 and < 300)
        {
            // The transferee is now talking to the target: the transferor leaves (RFC 5589 §6, §7). A transferee
            // that hung up first makes this a no-op (or a BYE answered 481), either way the call ends.
            await SendByeAsync("transferred").ConfigureAwait(false);
        }

        return status;
    }

    private void OnReferNotify(SipRequest notify)
    {
        if (!(notify.GetHeader(SipHeaderNames.Event) ?? string.Empty).StartsWith("refer", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        string frag = notify.BodyText.Trim();
        if (frag.StartsWith("SIP/2.0 ", StringComparison.Ordinal) && frag.Length >= 11 && int.TryParse(frag.AsSpan(8, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int status))
        {
            TransferProgress?.Invoke(this, status);
            if (status >= 200)
            {
                _transferResult?.TrySetResult(status);
            }
        }

        if ((notify.GetHeader(SipHeaderNames.SubscriptionState) ?? string.Empty).StartsWith("terminated", StringComparison.OrdinalIgnoreCase))
        {
            _transferResult?.TrySetResult(0);
        }
    }

    private async Task OnReferAsync(SipRequest refer, SipServerTransaction tx)
    {
        string? referTo = refer.GetHeader(SipHeaderNames.ReferTo);
        if (referTo is null || !_options.AcceptTransfers)
        {
            await tx.SendResponseAsync(tx.CreateResponse(referTo is null ? 400 : 603, referTo is null ? "Missing Refer-To" : "Decline")).ConfigureAwait(false);
            return;
        }

        SipNameAddress target;
        try
        {
            target = SipNameAddress.Parse(referTo);
        }
        catch (SipParseException)
        {
            await tx.SendResponseAsync(tx.CreateResponse(400, "Bad Refer-To")).ConfigureAwait(false);
            return;
        }

        await tx.SendResponseAsync(tx.CreateResponse(202, "Accepted")).ConfigureAwait(false);
        _ = Task.Run(() => RunAcceptedTransferAsync(target), CancellationToken.None);
    }

    private async Task RunAcceptedTransferAsync(SipNameAddress target)
    {
        await NotifyReferAsync(100, "Trying", false).ConfigureAwait(false);
        var headers = new List<SipHeader>();
        if (target.Uri.Headers is { } h)
        {
            foreach (var part in h.Split('&'))
            {
                var kv = part.Split('=', 2);
                if (kv.Length == 2)
                {
                    headers.Add(new SipHeader(Uri.UnescapeDataString(kv[0]), Uri.UnescapeDataString(kv[1])));
                }
            }
        }

        int status;
        try
        {
            var media = Media!;
            var call = await _agent.CallAsync(Account, target.Uri.With(clearHeaders: true).ToString(), _options with { ExtraHeaders = headers, Source = media.Source, Sink = media.Sink }).ConfigureAwait(false);
            Transferred?.Invoke(this, call);
            await call.WaitForAnswerAsync().ConfigureAwait(false);
            status = 200;
        }
        catch (SipCallFailedException ex)
        {
            status = ex.StatusCode ?? 503;
        }
        catch (Exception ex) when (ex is SipTransportException or SipTimeoutException or SipParseException or InvalidOperationException)
        {
            VoipLog.CallWarning(_agent.Logger, CallId, "transfer target could not be called: " + ex.Message);
            status = 503;
        }

        await NotifyReferAsync(status, status == 200 ? "OK" : "Failed", true).ConfigureAwait(false);
        if (status == 200 && State == SipCallState.Established)
        {
            await HangUpAsync().ConfigureAwait(false);
        }
    }

    private async Task NotifyReferAsync(int status, string reason, bool final)
    {
        try
        {
            await SendInDialogAsync("NOTIFY", r =>
            {
                r.AddHeader(SipHeaderNames.Event, "refer");
                r.AddHeader(SipHeaderNames.SubscriptionState, final ? "terminated;reason=noresource" : "active;expires=60");
                r.SetHeader(SipHeaderNames.ContentType, "message/sipfrag;version=2.0");
                r.Body = Encoding.UTF8.GetBytes($"SIP/2.0 {status} {reason}\r\n");
            }, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // progress reports are best effort: the transfer itself already happened or failed
        catch (Exception ex)
#pragma warning restore CA1031
        {
            VoipLog.CallWarning(_agent.Logger, CallId, "NOTIFY for transfer failed: " + ex.Message);
        }
    }

    // ---------------------------------------------------------------- hang-up

    /// <summary>Ends the call however fits its state: CANCEL while calling, 486 while ringing in, BYE once answered.</summary>
    public async Task HangUpAsync(CancellationToken cancellationToken = default)
    {
        switch (State)
        {
            case SipCallState.Calling or SipCallState.Ringing or SipCallState.EarlyMedia when Direction == SipCallDirection.Outgoing:
                await CancelAsync(cancellationToken).ConfigureAwait(false);
                break;
            case SipCallState.Ringing when Direction == SipCallDirection.Incoming:
                await RejectAsync(603, "Decline").ConfigureAwait(false);
                break;
            case SipCallState.Established:
                await SendByeAsync("hung up").ConfigureAwait(false);
                break;
        }
    }

    private async Task CancelAsync(CancellationToken cancellationToken)
    {
        _cancelRequested = true;
        var invite = _invite!;
        var cancel = new SipRequest("CANCEL", invite.RequestUri);
        cancel.AddHeader(SipHeaderNames.Via, invite.GetHeaderValues(SipHeaderNames.Via).First());
        foreach (var route in invite.Headers.Where(h => h.Name.Equals(SipHeaderNames.Route, StringComparison.OrdinalIgnoreCase)))
        {
            cancel.Headers.Add(route);
        }

        cancel.AddHeader(SipHeaderNames.MaxForwards, "70");
        cancel.AddHeader(SipHeaderNames.From, invite.GetHeader(SipHeaderNames.From)!);
        cancel.AddHeader(SipHeaderNames.To, invite.GetHeader(SipHeaderNames.To)!);
        cancel.AddHeader(SipHeaderNames.CallId, invite.CallId);
        cancel.AddHeader(SipHeaderNames.CSeq, new SipCSeq(invite.CSeq.Number, "CANCEL").ToString());
        var destination = await OutOfDialogDestinationAsync(cancellationToken).ConfigureAwait(false);
        var tx = await _agent.Transactions.SendRequestAsync(cancel, destination, null, cancellationToken).ConfigureAwait(false);
        try
        {
            await tx.FinalResponse.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SipTimeoutException)
        {
            await EndAsync(new SipCallEnd(null, "cancel timed out", false)).ConfigureAwait(false);
            return;
        }

        // The INVITE transaction ends with 487 (or a racing 2xx, which CompleteOutgoingAsync answers with BYE).
        await Ended.WaitAsync(_agent.Options.Timers.TransactionTimeout, _agent.Time, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendByeAsync(string reason)
    {
        if (State == SipCallState.Terminated)
        {
            return;
        }

        try
        {
            await SendInDialogAsync("BYE", _ => { }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SipTimeoutException or SipTransportException)
        {
            reason += " (BYE not answered: " + ex.Message + ")";
        }

        await EndAsync(new SipCallEnd(null, reason, false)).ConfigureAwait(false);
    }

    // beforeAck: for an INVITE, runs on its 2xx before the ACK is sent.
    private async Task<SipResponse> SendInDialogAsync(string method, Action<SipRequest> configure, CancellationToken cancellationToken, Action<SipResponse>? beforeAck = null)
    {
        var dialog = Dialog!;
        var hop = dialog.NextHop();
        var destination = await SipUserAgent.ResolveAsync(dialog.Transport, hop.Host, hop.Port, cancellationToken).ConfigureAwait(false);
        for (int attempt = 0; ; attempt++)
        {
            var request = dialog.CreateRequest(method, _agent.NewVia(dialog.Transport, hop.Host), ContactHeader, _agent.Options.UserAgentName);
            configure(request);
            if (attempt > 0)
            {
                _auth?.Authorize(request, _agent.Random);
            }

            var tx = await _agent.Transactions.SendRequestAsync(request, destination, null, cancellationToken).ConfigureAwait(false);
            var response = await tx.FinalResponse.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is 401 or 407 && attempt == 0 && _auth is not null && _auth.AcceptChallenge(response))
            {
                continue;
            }

            if (method == "INVITE" && response.IsSuccess)
            {
                beforeAck?.Invoke(response);
                var ack = dialog.CreateRequest("ACK", _agent.NewVia(dialog.Transport, hop.Host), ContactHeader, _agent.Options.UserAgentName, response.CSeq.Number);
                _ackFor2xx = ack;
                await _agent.Transactions.SendStatelessAsync(ack, destination, cancellationToken).ConfigureAwait(false);
            }

            return response;
        }
    }

    private async Task SendInDialogStatelessAsync(SipRequest request)
    {
        var hop = Dialog!.NextHop();
        var destination = await SipUserAgent.ResolveAsync(Dialog.Transport, hop.Host, hop.Port, CancellationToken.None).ConfigureAwait(false);
        await SendQuietlyAsync(request, destination).ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- media helpers

    private void CreateMedia()
    {
        var bind = _agent.Options.LocalAddress;
        var (rtp, rtcp) = _agent.RtpPorts.Bind(bind);
        Media = new RtpAudioSession(rtp, rtcp, _agent.Time, _agent.Logger, _agent.Random)
        {
            Source = _options.Source,
            Sink = _options.Sink,
            Codec = _options.Codecs[0],
            Clock = _agent.MediaClock,
        };
        Media.DtmfReceived += d => DtmfReceived?.Invoke(this, d);
    }

    private string MediaAddress()
    {
        if (_agent.Options.PublicAddress is { } pub)
        {
            return pub;
        }

        return SipUserAgent.HostFacing(Account.Registrar, _agent.Options.LocalAddress).Trim('[', ']');
    }

    private SdpSession BuildLocalSdp(SdpSession? offer)
    {
        if (offer is null)
        {
            return SdpNegotiator.CreateOffer(MediaAddress(), Media!.LocalEndPoint.Port, _options.Codecs, _wantedDirection, _sdpSessionId, _sdpVersion);
        }

        var (codec, te) = SdpNegotiator.Select(offer, _options.Codecs);
        return SdpNegotiator.CreateAnswer(offer, MediaAddress(), Media!.LocalEndPoint.Port, codec!.Value, te, _wantedDirection, _sdpSessionId, _sdpVersion);
    }

    private bool TryApplyAnswer(string sdpText)
    {
        try
        {
            var answer = SdpSession.Parse(sdpText);
            return ApplyRemoteSdp(answer);
        }
        catch (SdpException)
        {
            return false;
        }
    }

    private bool ApplyRemoteSdp(SdpSession remote)
    {
        var (codec, te) = SdpNegotiator.Select(remote, _options.Codecs);
        if (codec is null || remote.AudioPort == 0)
        {
            return false;
        }

        var media = Media!;
        media.Codec = codec.Value;
        media.TelephoneEventPayloadType = te;
        media.Direction = SdpNegotiator.Combine(remote.Direction.Reverse(), _wantedDirection);
        if (!remote.IsNullConnection && IPAddress.TryParse(remote.ConnectionAddress, out var address))
        {
            media.RemoteEndPoint = new IPEndPoint(address, remote.AudioPort);
            media.RemoteRtcpEndPoint = new IPEndPoint(address, remote.RtcpPort ?? remote.AudioPort + 1);
        }

        return true;
    }

    private static bool IsSdp(SipMessage message) => (message.ContentType ?? string.Empty).StartsWith("application/sdp", StringComparison.OrdinalIgnoreCase);

    private void EnsureEstablished()
    {
        if (State != SipCallState.Established)
        {
            throw new InvalidOperationException($"The call is {State}; this needs an established call.");
        }
    }

    private void SetState(SipCallState state)
    {
        if (State == state || State == SipCallState.Terminated)
        {
            return;
        }

        State = state;
        VoipLog.CallState(_agent.Logger, CallId, state.ToString());
        StateChanged?.Invoke(this, state);
    }

    private async Task EndAsync(SipCallEnd end)
    {
        if (State == SipCallState.Terminated)
        {
            return;
        }

        SetState(SipCallState.Terminated);
        _ringTimer?.Dispose();
        lock (_gate)
        {
            _2xxTimer?.Dispose();
        }

        _agent.UnregisterDialog(SipUserAgent.DialogKey(CallId, Dialog!.LocalTag));
        if (Media is not null)
        {
            await Media.DisposeAsync().ConfigureAwait(false);
        }

        _answered.TrySetException(new SipCallFailedException($"Call ended: {end.Reason}.", end.StatusCode));
        _ = _answered.Task.Exception; // observed
        _ended.TrySetResult(end);
    }

    /// <summary>Releases the media session (does not signal; call <see cref="HangUpAsync"/> first).</summary>
    public async ValueTask DisposeAsync()
    {
        if (State != SipCallState.Terminated)
        {
            await EndAsync(new SipCallEnd(null, "disposed", false)).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"SipCall {{ {Direction} {Dialog?.RemoteUri.Uri}, {State}, Call-ID {CallId} }}";
}
