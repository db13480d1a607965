using Slican.Cti.Voip.Sip.Messages;
using Slican.Cti.Voip.Sip.Transport;

namespace Slican.Cti.Voip.Sip.Transactions;

/// <summary>States of server transactions (RFC 3261 §17.2).</summary>
public enum SipServerTransactionState
{
    /// <summary>Request received, no response yet (non-INVITE: Trying).</summary>
    Trying,

    /// <summary>A provisional response was sent.</summary>
    Proceeding,

    /// <summary>A final response was sent; INVITE non-2xx waits for ACK (timers G, H), non-INVITE absorbs retransmissions (timer J).</summary>
    Completed,

    /// <summary>INVITE: the ACK arrived (timer I).</summary>
    Confirmed,

    /// <summary>Done.</summary>
    Terminated,
}

/// <summary>
/// RFC 3261 §17.2 server transaction. Retransmitted requests are answered with the last response; over UDP a
/// non-2xx INVITE final is retransmitted (timer G) until the ACK, for at most 64*T1 (timer H). A 2xx to INVITE ends
/// the transaction: the dialog layer retransmits it until its ACK (RFC 3261 §13.3.1.4).
/// </summary>
public sealed class SipServerTransaction
{
    private readonly ISipMessageSender _sender;
    private readonly SipTimerSettings _timers;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private SipResponse? _lastResponse;
    private ITimer? _retransmitTimer;
    private ITimer? _endTimer;
    private TimeSpan _interval;

    /// <summary>Creates the transaction for a received request.</summary>
    public SipServerTransaction(SipRequest request, SipEndPoint source, ISipMessageSender sender, SipTimerSettings timers, TimeProvider time)
    {
        Request = request;
        Source = source;
        _sender = sender;
        _timers = timers;
        _time = time;
        IsInvite = request.Method == "INVITE";
        Key = SipClientTransaction.KeyOf(request.TopVia.Branch ?? string.Empty, request.Method);
        ResponseDestination = ComputeResponseDestination(request, source);
    }

    /// <summary>The request.</summary>
    public SipRequest Request { get; }

    /// <summary>Where it came from.</summary>
    public SipEndPoint Source { get; }

    /// <summary>Where responses go: the source address, and the source port when the Via asked for rport (RFC 3581).</summary>
    public SipEndPoint ResponseDestination { get; }

    /// <summary>Matching key.</summary>
    public string Key { get; }

    /// <summary>True for INVITE.</summary>
    public bool IsInvite { get; }

    /// <summary>Current state.</summary>
    public SipServerTransactionState State { get; private set; } = SipServerTransactionState.Trying;

    /// <summary>Last response sent, if any.</summary>
    public SipResponse? LastResponse => _lastResponse;

    /// <summary>Raised once when Terminated.</summary>
    public event Action<SipServerTransaction>? Terminated;

    /// <summary>Builds a response to the request with the headers RFC 3261 §8.2.6.2 copies.</summary>
    public SipResponse CreateResponse(int statusCode, string reason, string? toTag = null)
    {
        var response = new SipResponse(statusCode, reason);
        foreach (var h in Request.Headers)
        {
            if (h.Name.Equals(SipHeaderNames.Via, StringComparison.OrdinalIgnoreCase)
                || h.Name.Equals(SipHeaderNames.From, StringComparison.OrdinalIgnoreCase)
                || h.Name.Equals(SipHeaderNames.CallId, StringComparison.OrdinalIgnoreCase)
                || h.Name.Equals(SipHeaderNames.CSeq, StringComparison.OrdinalIgnoreCase)
                || (statusCode is > 100 and < 300 && h.Name.Equals(SipHeaderNames.RecordRoute, StringComparison.OrdinalIgnoreCase)))
            {
                response.Headers.Add(h);
            }
            else if (h.Name.Equals(SipHeaderNames.To, StringComparison.OrdinalIgnoreCase))
            {
                var to = SipNameAddress.Parse(h.Value);
                response.Headers.Add(new SipHeader(SipHeaderNames.To, to.Tag is null && toTag is not null && statusCode > 100 ? to.WithTag(toTag).ToString() : h.Value));
            }
        }

        return response;
    }

    /// <summary>Sends a response and moves the state machine.</summary>
    public async ValueTask SendResponseAsync(SipResponse response, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (State is SipServerTransactionState.Completed or SipServerTransactionState.Confirmed or SipServerTransactionState.Terminated)
            {
                return; // a final response was already sent
            }

            _lastResponse = response;
            if (response.IsProvisional)
            {
                State = SipServerTransactionState.Proceeding;
            }
            else if (IsInvite && response.IsSuccess)
            {
                TerminateLocked();
            }
            else
            {
                State = SipServerTransactionState.Completed;
                if (IsInvite)
                {
                    if (!ResponseDestination.IsReliable)
                    {
                        _interval = _timers.T1;
                        _retransmitTimer = _time.CreateTimer(_ => OnTimerG(), null, _interval, Timeout.InfiniteTimeSpan);
                    }

                    _endTimer = _time.CreateTimer(_ => Terminate(), null, _timers.TransactionTimeout, Timeout.InfiniteTimeSpan); // timer H
                }
                else
                {
                    _endTimer = _time.CreateTimer(_ => Terminate(), null, ResponseDestination.IsReliable ? TimeSpan.Zero : _timers.TransactionTimeout, Timeout.InfiniteTimeSpan); // timer J
                }
            }
        }

        await _sender.SendAsync(response, ResponseDestination, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The same request arrived again: resend the last response (if any).</summary>
    public void OnRetransmittedRequest()
    {
        SipResponse? last;
        lock (_gate)
        {
            last = State is SipServerTransactionState.Proceeding or SipServerTransactionState.Completed ? _lastResponse : null;
        }

        if (last is not null)
        {
            _ = SendQuietlyAsync(last);
        }
    }

    /// <summary>The ACK for a non-2xx final arrived.</summary>
    public void OnAck()
    {
        lock (_gate)
        {
            if (State != SipServerTransactionState.Completed || !IsInvite)
            {
                return;
            }

            State = SipServerTransactionState.Confirmed;
            _retransmitTimer?.Dispose();
            _endTimer?.Dispose();
            _endTimer = _time.CreateTimer(_ => Terminate(), null, ResponseDestination.IsReliable ? TimeSpan.Zero : _timers.T4, Timeout.InfiniteTimeSpan); // timer I
        }
    }

    private void OnTimerG()
    {
        SipResponse? last;
        lock (_gate)
        {
            if (State != SipServerTransactionState.Completed)
            {
                return;
            }

            _interval = TimeSpan.FromTicks(Math.Min((_interval * 2).Ticks, _timers.T2.Ticks));
            _retransmitTimer?.Change(_interval, Timeout.InfiniteTimeSpan);
            last = _lastResponse;
        }

        if (last is not null)
        {
            _ = SendQuietlyAsync(last);
        }
    }

    private void Terminate()
    {
        lock (_gate)
        {
            TerminateLocked();
        }
    }

    private void TerminateLocked()
    {
        if (State == SipServerTransactionState.Terminated)
        {
            return;
        }

        State = SipServerTransactionState.Terminated;
        _retransmitTimer?.Dispose();
        _endTimer?.Dispose();
        Terminated?.Invoke(this);
    }

    private async Task SendQuietlyAsync(SipMessage message)
    {
        try
        {
            await _sender.SendAsync(message, ResponseDestination, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SipTransportException)
        {
        }
    }

    /// <summary>RFC 3261 §18.2.2 with RFC 3581: reply to the source (reliable or rport), else to received/sent-by port.</summary>
    internal static SipEndPoint ComputeResponseDestination(SipRequest request, SipEndPoint source)
    {
        if (source.IsReliable)
        {
            return source;
        }

        var via = request.TopVia;
        if (via.RPort is > 0)
        {
            return source;
        }

        return new SipEndPoint(source.Kind, new System.Net.IPEndPoint(source.EndPoint.Address, via.Port ?? 5060));
    }
}
