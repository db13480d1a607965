using Slican.Cti.Voip.Sip.Messages;
using Slican.Cti.Voip.Sip.Transport;

namespace Slican.Cti.Voip.Sip.Transactions;

/// <summary>States of client transactions (RFC 3261 §17.1, with RFC 6026's Accepted for INVITE 2xx).</summary>
public enum SipClientTransactionState
{
    /// <summary>Request sent, nothing heard yet (INVITE: Calling; non-INVITE: Trying).</summary>
    Calling,

    /// <summary>A provisional response arrived.</summary>
    Proceeding,

    /// <summary>INVITE got a 2xx; further 2xx go to the dialog (timer M).</summary>
    Accepted,

    /// <summary>A final response arrived; retransmissions are absorbed (timer D or K).</summary>
    Completed,

    /// <summary>Done.</summary>
    Terminated,
}

/// <summary>
/// RFC 3261 §17.1 client transaction, INVITE and non-INVITE. Over UDP it retransmits the request (timer A / E,
/// doubling from T1, non-INVITE capped at T2) until a response, gives up after 64*T1 (timer B / F), acknowledges
/// non-2xx INVITE finals itself and absorbs retransmitted finals (timer D / K). All timers run on the injected
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed class SipClientTransaction
{
    private readonly ISipMessageSender _sender;
    private readonly SipTimerSettings _timers;
    private readonly TimeProvider _time;
    private readonly Action<SipResponse>? _onProvisional;
    private readonly TaskCompletionSource<SipResponse> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private ITimer? _retransmitTimer;
    private ITimer? _timeoutTimer;
    private TimeSpan _interval;
    private SipRequest? _ack;

    /// <summary>Creates the transaction; call <see cref="StartAsync"/> to send.</summary>
    public SipClientTransaction(SipRequest request, SipEndPoint destination, ISipMessageSender sender, SipTimerSettings timers, TimeProvider time, Action<SipResponse>? onProvisional = null)
    {
        Request = request;
        Destination = destination;
        _sender = sender;
        _timers = timers;
        _time = time;
        _onProvisional = onProvisional;
        Key = KeyOf(request.TopVia.Branch ?? string.Empty, request.Method);
        IsInvite = request.Method == "INVITE";
    }

    /// <summary>The request.</summary>
    public SipRequest Request { get; }

    /// <summary>Where it goes.</summary>
    public SipEndPoint Destination { get; }

    /// <summary>Matching key: branch and method (RFC 3261 §17.1.3).</summary>
    public string Key { get; }

    /// <summary>True for INVITE.</summary>
    public bool IsInvite { get; }

    /// <summary>Current state.</summary>
    public SipClientTransactionState State { get; private set; } = SipClientTransactionState.Calling;

    /// <summary>Completes with the first final response; faults with <see cref="SipTimeoutException"/> or a transport error.</summary>
    public Task<SipResponse> FinalResponse => _final.Task;

    /// <summary>Raised once when the transaction reaches Terminated, so the owner can forget it.</summary>
    public event Action<SipClientTransaction>? Terminated;

    /// <summary>Number of times the request was sent (1 + retransmissions).</summary>
    public int SendCount { get; private set; }

    /// <summary>Transaction key from branch and method.</summary>
    public static string KeyOf(string branch, string method) => string.Concat(branch, "|", method == "ACK" ? "INVITE" : method);

    /// <summary>Sends the request and starts the timers.</summary>
    public async ValueTask StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _interval = _timers.T1;
            if (!Destination.IsReliable)
            {
                _retransmitTimer = _time.CreateTimer(_ => OnRetransmitTimer(), null, _interval, Timeout.InfiniteTimeSpan);
            }

            _timeoutTimer = _time.CreateTimer(_ => OnTimeout(), null, _timers.TransactionTimeout, Timeout.InfiniteTimeSpan);
        }

        try
        {
            SendCount++;
            await _sender.SendAsync(Request, Destination, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SipTransportException or OperationCanceledException)
        {
            Fail(ex);
            throw;
        }
    }

    private void OnRetransmitTimer()
    {
        lock (_gate)
        {
            bool retransmit = IsInvite ? State == SipClientTransactionState.Calling : State is SipClientTransactionState.Calling or SipClientTransactionState.Proceeding;
            if (!retransmit)
            {
                return;
            }

            // Timer A doubles without cap; timer E doubles up to T2, and stays at T2 once Proceeding.
            _interval = IsInvite ? _interval * 2 : State == SipClientTransactionState.Proceeding ? _timers.T2 : TimeSpan.FromTicks(Math.Min((_interval * 2).Ticks, _timers.T2.Ticks));
            _retransmitTimer?.Change(_interval, Timeout.InfiniteTimeSpan);
            SendCount++;
        }

        _ = SendQuietlyAsync(Request);
    }

    private void OnTimeout()
    {
        lock (_gate)
        {
            if (State is not (SipClientTransactionState.Calling or SipClientTransactionState.Proceeding))
            {
                if (State is SipClientTransactionState.Completed or SipClientTransactionState.Accepted)
                {
                    TerminateLocked();
                }

                return;
            }
        }

        Fail(new SipTimeoutException(Request.Method, Destination.ToString(), _timers.TransactionTimeout));
    }

    private void Fail(Exception ex)
    {
        lock (_gate)
        {
            TerminateLocked();
        }

        _final.TrySetException(ex);
    }

    /// <summary>Feeds a response that matched this transaction.</summary>
    public void OnResponse(SipResponse response)
    {
        SipRequest? ackToSend = null;
        bool deliverFinal = false;
        bool deliverProvisional = false;
        lock (_gate)
        {
            switch (State)
            {
                case SipClientTransactionState.Calling or SipClientTransactionState.Proceeding when response.IsProvisional:
                    State = SipClientTransactionState.Proceeding;
                    if (IsInvite)
                    {
                        _retransmitTimer?.Dispose(); // timer A stops once anything is heard
                    }

                    deliverProvisional = true;
                    break;
                case SipClientTransactionState.Calling or SipClientTransactionState.Proceeding:
                    _retransmitTimer?.Dispose();
                    deliverFinal = true;
                    if (IsInvite && response.IsSuccess)
                    {
                        State = SipClientTransactionState.Accepted; // timer M: absorb nothing, 2xx retransmissions go to the TU
                        _timeoutTimer?.Change(_timers.TransactionTimeout, Timeout.InfiniteTimeSpan);
                    }
                    else if (IsInvite)
                    {
                        State = SipClientTransactionState.Completed;
                        _ack = BuildAck(response);
                        ackToSend = _ack;
                        _timeoutTimer?.Change(Destination.IsReliable ? TimeSpan.Zero : _timers.TimerD, Timeout.InfiniteTimeSpan);
                    }
                    else
                    {
                        State = SipClientTransactionState.Completed;
                        _timeoutTimer?.Change(Destination.IsReliable ? TimeSpan.Zero : _timers.T4, Timeout.InfiniteTimeSpan);
                    }

                    break;
                case SipClientTransactionState.Completed when IsInvite && !response.IsProvisional:
                    ackToSend = _ack; // retransmitted final: ACK again
                    break;
            }
        }

        if (ackToSend is not null)
        {
            _ = SendQuietlyAsync(ackToSend);
        }

        if (deliverProvisional)
        {
            _onProvisional?.Invoke(response);
        }

        if (deliverFinal)
        {
            _final.TrySetResult(response);
        }
    }

    /// <summary>RFC 3261 §17.1.1.3: the ACK for a non-2xx final is part of the INVITE transaction.</summary>
    private SipRequest BuildAck(SipResponse response)
    {
        var ack = new SipRequest("ACK", Request.RequestUri);
        ack.AddHeader(SipHeaderNames.Via, Request.GetHeaderValues(SipHeaderNames.Via).First());
        foreach (var route in Request.Headers.Where(h => h.Name.Equals(SipHeaderNames.Route, StringComparison.OrdinalIgnoreCase)))
        {
            ack.Headers.Add(route);
        }

        ack.AddHeader(SipHeaderNames.MaxForwards, "70");
        ack.AddHeader(SipHeaderNames.From, Request.GetHeader(SipHeaderNames.From)!);
        ack.AddHeader(SipHeaderNames.To, response.GetHeader(SipHeaderNames.To)!);
        ack.AddHeader(SipHeaderNames.CallId, Request.CallId);
        ack.AddHeader(SipHeaderNames.CSeq, new SipCSeq(Request.CSeq.Number, "ACK").ToString());
        return ack;
    }

    private void TerminateLocked()
    {
        if (State == SipClientTransactionState.Terminated)
        {
            return;
        }

        State = SipClientTransactionState.Terminated;
        _retransmitTimer?.Dispose();
        _timeoutTimer?.Dispose();
        Terminated?.Invoke(this);
    }

    private async Task SendQuietlyAsync(SipMessage message)
    {
        try
        {
            await _sender.SendAsync(message, Destination, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SipTransportException)
        {
            // a retransmission that cannot be sent is the same as one that was lost; timer B/F reports the failure
        }
    }
}
