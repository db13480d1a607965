using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Testing.Calls;
using Slican.Cti.Testing.Xctip;

namespace Slican.Cti.Testing;

public sealed partial class PbxWorld
{
    private const string TrunkPort = "5001";
    private readonly Dictionary<int, Call> _calls = [];
    private readonly Dictionary<string, RingGroupData> _ringGroups;
    private readonly LinkedList<PbxCallInfo> _ended = new();
    private int _nextCr = 4100;

    /// <summary>Calls in progress.</summary>
    public IReadOnlyList<PbxCallInfo> ActiveCalls
    {
        get
        {
            lock (_gate)
            {
                return _calls.Values.Select(Info).ToArray();
            }
        }
    }

    /// <summary>A call by reference, in progress or among the last 1,000 ended; <see langword="null"/> when unknown.</summary>
    public PbxCallInfo? FindCall(int cr)
    {
        lock (_gate)
        {
            return _calls.TryGetValue(cr, out var call) ? Info(call) : _ended.FirstOrDefault(c => c.CR == cr);
        }
    }

    private static PbxCallInfo Info(Call c) => new(
        c.Cr, c.Caller.Number, c.Dialled, c.Callee?.Number, c.Alerting.Select(s => s.Extension).ToArray(),
        c.Phase switch
        {
            CallPhase.Alerting => PbxCallPhase.Ringing,
            CallPhase.Waiting => PbxCallPhase.Waiting,
            CallPhase.Connected when c.HeldBy is not null => PbxCallPhase.Held,
            CallPhase.Connected => PbxCallPhase.Connected,
            _ => PbxCallPhase.Released,
        },
        c.ReleaseCause, c.QueueId, c.Dtmf.ToArray());

    // ---------------------------------------------------------------- creation

    internal int StartIncoming(string fromNumber, string toNumber)
    {
        var (name, group) = LookupContact(fromNumber);
        var call = new Call(_nextCr++, new CallEnd(null, fromNumber, name, group), toNumber, Now);
        _calls.Add(call.Cr, call);
        Offer(call, toNumber);
        return call.Cr;
    }

    internal int StartOutgoing(Subscriber caller, string number)
    {
        var call = new Call(_nextCr++, CallEnd.Internal(caller), number, Now);
        _calls.Add(call.Cr, call);
        var target = FindByExtension(number);
        call.DialledName = target?.Name ?? (_ringGroups.TryGetValue(number, out var g) ? g.Name : LookupContact(number).Name);
        Emit(caller, call, CallsState.NewCall);
        UpdateLine(caller);

        // CTIP: the handset is off-hook (STAT H above), dial tone (DRDY), then the digits (ECHO).
        BroadcastCtip(caller, new CtipDialReady(caller.Extension));
        BroadcastCtip(caller, new CtipEcho(caller.Extension, number));
        Offer(call, number);
        return call.Cr;
    }

    /// <summary>Routes a call to a number: ring group, extension (with forwarding, DND, busy) or outside line.</summary>
    private void Offer(Call call, string number)
    {
        if (++call.Hops > 6)
        {
            Release(call, ReleaseCause.InvalidNumber);
            return;
        }

        if (_ringGroups.TryGetValue(number, out var group))
        {
            call.RingGroup = number;
            call.DialledName ??= group.Name;
            var members = group.Members.Select(FindByExtension).OfType<Subscriber>()
                .Where(s => s != call.Caller.Subscriber && !s.Dnd && !s.OutOfOrder && !IsBusy(s)).ToList();
            if (members.Count == 0)
            {
                Release(call, ReleaseCause.Busy);
                return;
            }

            foreach (var m in members)
            {
                Alert(call, m, waiting: false);
            }

            return;
        }

        var target = FindByExtension(number);
        if (target is not null)
        {
            call.DialledName ??= target.Name;
            OfferToSubscriber(call, target);
            return;
        }

        if (NumberMatcher.IsOutside(number))
        {
            // An outside line: the far end rings until the scenario answers or hangs up.
            var (name, grp) = LookupContact(number);
            call.Callee = new CallEnd(null, number, name, grp);
            return;
        }

        Release(call, ReleaseCause.InvalidNumber);
    }

    private void OfferToSubscriber(Call call, Subscriber target)
    {
        if (target == call.Caller.Subscriber || target.Data.Kind == SubscriberKind.GsmGateway)
        {
            Release(call, target.Data.Kind == SubscriberKind.GsmGateway ? ReleaseCause.InvalidNumber : ReleaseCause.Busy);
            return;
        }

        var all = target.GetForward(ForwardingType.All);
        if (all.On && all.Number.Length > 0)
        {
            NotifyForwarded(call, target);
            Offer(call, all.Number);
            return;
        }

        if (target.Dnd)
        {
            Release(call, ReleaseCause.DoNotDisturb);
            return;
        }

        if (target.OutOfOrder)
        {
            Release(call, ReleaseCause.OutOfOrder);
            return;
        }

        if (IsBusy(target))
        {
            var busy = target.GetForward(ForwardingType.Busy);
            if (busy.On && busy.Number.Length > 0)
            {
                NotifyForwarded(call, target);
                Offer(call, busy.Number);
                return;
            }

            if (!target.Data.CallWaiting)
            {
                Release(call, ReleaseCause.Busy);
                return;
            }

            Alert(call, target, waiting: true);
            return;
        }

        // The no-answer forward is armed before the ringing is published (as the door's close timer): a client that
        // sees the call ring and advances a fake clock must find it scheduled. OnNoAnswer takes the world lock, which
        // the caller holds, so it cannot run before the alert.
        var noAnswer = target.GetForward(ForwardingType.NoAnswer);
        if (noAnswer.On && noAnswer.Number.Length > 0)
        {
            call.NoAnswerTimer?.Dispose();
            string forwardTo = noAnswer.Number;
            var delay = Options.RingDuration * Math.Max(1, noAnswer.Rings);
            call.NoAnswerTimer = Time.CreateTimer(_ => OnNoAnswer(call, target, forwardTo), null, delay, Timeout.InfiniteTimeSpan);
        }

        Alert(call, target, waiting: false);
    }

    private void OnNoAnswer(Call call, Subscriber target, string forwardTo)
    {
        lock (_gate)
        {
            if (call.Phase != CallPhase.Alerting || !call.Alerting.Contains(target) || !_calls.ContainsKey(call.Cr))
            {
                return;
            }

            call.Alerting.Remove(target);
            Emit(target, call, CallsState.Release, ReleaseCause.Forwarded);
            BroadcastCtip(target, new CtipReleased(target.Extension, CtipReleaseCause.CallForwarded));
            UpdateLine(target);
            Offer(call, forwardTo);
        }
    }

    private void NotifyForwarded(Call call, Subscriber target)
    {
        // The forwarding extension's monitors see the call arrive and leave with cause "forwarded" (38).
        Emit(target, call, CallsState.NewCall);
        Emit(target, call, CallsState.Release, ReleaseCause.Forwarded);
        BroadcastCtip(target, new CtipReleased(target.Extension, CtipReleaseCause.CallForwarded));
    }

    private void Alert(Call call, Subscriber s, bool waiting)
    {
        if (call.Alerting.Contains(s))
        {
            return;
        }

        call.Alerting.Add(s);
        call.Offered.Add(s);
        Emit(s, call, CallsState.NewCall);
        if (waiting)
        {
            BroadcastCtip(s, new CtipCallWaiting(s.Extension, CtipNumber(call.Caller), call.Caller.Name));
        }
        else
        {
            BroadcastCtip(s, new CtipRing(s.Extension, CtipNumber(call.Caller), CtipPort(call.Caller), CtipDialled(call), null, call.Caller.Name));
        }

        AnnounceUserTag(call, s);
        UpdateLine(s);
    }

    internal bool IsBusy(Subscriber s) => _calls.Values.Any(c =>
        (c.Phase == CallPhase.Connected && (c.Caller.Subscriber == s || c.Callee?.Subscriber == s))
        || (c.Phase == CallPhase.Alerting && c.Caller.Subscriber == s));

    // ---------------------------------------------------------------- answer, release

    internal void Answer(Call call, Subscriber? at)
    {
        if (call.Phase != CallPhase.Alerting)
        {
            throw new InvalidOperationException($"Call {call.Cr} is not ringing (it is {call.Phase}).");
        }

        CallEnd answering;
        if (at is null && call.Alerting.Count == 0 && call.Callee is { IsInternal: false } outside)
        {
            answering = outside; // the far end of an outgoing call answers
        }
        else
        {
            at ??= call.Alerting.FirstOrDefault() ?? throw new InvalidOperationException($"Call {call.Cr} rings nowhere.");
            if (!call.Alerting.Contains(at))
            {
                throw new InvalidOperationException($"Call {call.Cr} does not ring at {at.Extension}.");
            }

            answering = CallEnd.Internal(at);
        }

        call.NoAnswerTimer?.Dispose();
        call.NoAnswerTimer = null;

        // Answering a waiting call puts the extension's current conversation on hold.
        if (answering.Subscriber is { } answerer)
        {
            foreach (var active in _calls.Values.Where(c => c != call && c.Phase == CallPhase.Connected && c.HeldBy is null && IsConnectedParty(c, answerer)).ToList())
            {
                Hold(active, answerer);
            }
        }

        var others = call.Alerting.Where(s => s != answering.Subscriber).ToList();
        call.Alerting.Clear();
        foreach (var o in others)
        {
            Emit(o, call, CallsState.Release, ReleaseCause.CallIntercepted);
            BroadcastCtip(o, new CtipReleased(o.Extension, CtipReleaseCause.CallIntercepted));
            UpdateLine(o);
        }

        call.Callee = answering;
        call.Phase = CallPhase.Connected;
        call.Connected = Now;
        foreach (var p in call.Parties())
        {
            Emit(p, call, CallsState.Connect);
            var other = call.OtherEnd(p)!;
            BroadcastCtip(p, new CtipConnected(p.Extension, CtipNumber(other), CtipPort(other)));
            UpdateLine(p);
        }

        if (call.QueueId is { } q)
        {
            QueueChanged(q);
        }
    }

    /// <summary>Hangs up: <paramref name="by"/> is the clearing extension, <see langword="null"/> for the outside party.</summary>
    internal void HangUp(Call call, Subscriber? by)
    {
        switch (call.Phase)
        {
            case CallPhase.Waiting:
                LoseQueueCall(call);
                return;
            case CallPhase.Alerting when by is not null && call.Alerting.Contains(by) && call.Caller.Subscriber != by:
                Reject(call, by, null);
                return;
            case CallPhase.Alerting:
                Release(call, ReleaseCause.Normal);
                return;
            case CallPhase.Connected:
                foreach (var p in call.Parties().ToList())
                {
                    if (p != by)
                    {
                        Emit(p, call, CallsState.Disconnect);
                    }
                }

                Release(call, ReleaseCause.Normal);
                return;
            default:
                return;
        }
    }

    internal void Reject(Call call, Subscriber by, string? deflectTo)
    {
        if (call.Phase != CallPhase.Alerting || !call.Alerting.Contains(by))
        {
            throw new InvalidOperationException($"Call {call.Cr} is not ringing at {by.Extension}.");
        }

        if (deflectTo == by.Extension && call.RingGroup is not null)
        {
            Release(call, ReleaseCause.Rejected); // own number: reject the group call for the whole group
            return;
        }

        call.Alerting.Remove(by);
        var cause = deflectTo is null ? ReleaseCause.Rejected : ReleaseCause.Forwarded;
        Emit(by, call, CallsState.Release, cause);
        BroadcastCtip(by, new CtipReleased(by.Extension, ToCtip(cause)));
        UpdateLine(by);
        if (deflectTo is not null)
        {
            Offer(call, deflectTo);
        }
        else if (call.Alerting.Count == 0)
        {
            Release(call, ReleaseCause.Rejected);
        }
    }

    /// <summary>Ends the call for everybody still in it, writes history and frees the lines.</summary>
    private void Release(Call call, ReleaseCause cause)
    {
        if (call.Phase == CallPhase.Released)
        {
            return;
        }

        call.NoAnswerTimer?.Dispose();
        call.NoAnswerTimer = null;
        bool answered = call.Phase == CallPhase.Connected;
        var parties = call.Parties().ToList();
        call.Phase = CallPhase.Released;
        call.ReleaseCause = cause;
        _calls.Remove(call.Cr);
        foreach (var p in parties)
        {
            Emit(p, call, CallsState.Release, cause);
            BroadcastCtip(p, new CtipReleased(p.Extension, ToCtip(cause)));
        }

        FinishRecordings(call);

        call.Alerting.Clear();
        WriteHistory(call, answered);
        _ended.AddFirst(Info(call));
        if (_ended.Count > 1000)
        {
            _ended.RemoveLast();
        }

        foreach (var p in parties)
        {
            UpdateLine(p);
        }

        if (call.QueueId is { } q)
        {
            QueueChanged(q);
        }

        DispatchAllQueues();
    }

    // ---------------------------------------------------------------- call control

    internal Call? FindActiveCall(int? cr) => cr is { } c && _calls.TryGetValue(c, out var call) ? call : null;

    internal void Hold(Call call, Subscriber by)
    {
        call.HeldBy = by;
        Emit(by, call, CallsState.Hold);
        UpdateLine(by);
    }

    internal void Retrieve(Call call, Subscriber by)
    {
        call.HeldBy = null;
        Emit(by, call, CallsState.Connect);
        UpdateLine(by);
    }

    /// <summary>Blind or unannounced transfer: <paramref name="by"/> leaves, the other end is offered to <paramref name="number"/>.</summary>
    internal void TransferBlind(Call call, Subscriber by, string number, bool announcedHold)
    {
        var remaining = call.OtherEnd(by)!;
        if (announcedHold)
        {
            Emit(by, call, CallsState.Hold);
        }

        Emit(by, call, CallsState.Transfer);
        Emit(by, call, CallsState.Release, ReleaseCause.Normal);
        BroadcastCtip(by, new CtipReleased(by.Extension, CtipReleaseCause.NormalClearing));
        FinishRecordings(call, by);
        WriteTransferHistory(call, by);
        call.Caller = remaining;
        call.Callee = null;
        call.HeldBy = null;
        call.Phase = CallPhase.Alerting;
        call.Dialled = number;
        call.DialledName = null;
        call.Hops = 0;
        UpdateLine(by);
        Offer(call, number);
    }

    /// <summary>Announced transfer step 2: the held call's other end is joined with the consultation call's target.</summary>
    internal void TransferJoin(Call held, Call consult, Subscriber by)
    {
        var target = consult.OtherEnd(by);
        if (consult.Phase == CallPhase.Alerting || target is null)
        {
            // Not answered yet: drop the consultation and hand the held call over as an unannounced transfer.
            string number = consult.Dialled;
            Release(consult, ReleaseCause.Normal);
            TransferBlind(held, by, number, announcedHold: false);
            return;
        }

        var remaining = held.OtherEnd(by)!;
        Emit(by, held, CallsState.Transfer);
        Emit(by, held, CallsState.Release, ReleaseCause.Normal);
        Emit(by, consult, CallsState.Transfer);
        Emit(by, consult, CallsState.Release, ReleaseCause.Normal);
        BroadcastCtip(by, new CtipReleased(by.Extension, CtipReleaseCause.NormalClearing));
        FinishRecordings(held, by);
        FinishRecordings(consult, by);
        if (target.Subscriber is { } t)
        {
            Emit(t, consult, CallsState.Release, ReleaseCause.Normal);
        }

        WriteTransferHistory(held, by);
        WriteTransferHistory(consult, by);
        consult.Phase = CallPhase.Released;
        consult.ReleaseCause = ReleaseCause.Normal;
        _calls.Remove(consult.Cr);
        _ended.AddFirst(Info(consult));
        held.Caller = remaining;
        held.Callee = target;
        held.HeldBy = null;
        held.Connected = Now;
        if (target.Subscriber is { } ts)
        {
            Emit(ts, held, CallsState.Connect);
            BroadcastCtip(ts, new CtipConnected(ts.Extension, CtipNumber(remaining), CtipPort(remaining)));
        }

        UpdateLine(by);
    }

    internal void Conference(Call held, Call consult, Subscriber by)
    {
        held.HeldBy = null;
        held.ConferenceWith = consult.Cr;
        consult.ConferenceWith = held.Cr;
        Emit(by, held, CallsState.Connect);
        UpdateLine(by);
    }

    internal void SendDtmf(Call call, Subscriber by, string digits)
    {
        call.Dtmf.Add(digits);
        BroadcastCtip(by, new CtipEcho(by.Extension, digits));
    }

    internal Call? FindPickupCandidate(Subscriber user, string? number)
    {
        if (number is not null)
        {
            var target = FindByExtension(number);
            return target is null ? null : _calls.Values.FirstOrDefault(c => c.Phase == CallPhase.Alerting && c.Alerting.Contains(target));
        }

        return user.Data.PickupGroup is not { } g
            ? null
            : _calls.Values.FirstOrDefault(c => c.Phase == CallPhase.Alerting && c.Alerting.Any(s => s != user && s.Data.PickupGroup == g));
    }

    internal void Pickup(Call call, Subscriber user)
    {
        if (!call.Alerting.Contains(user))
        {
            call.Alerting.Add(user);
            call.Offered.Add(user);
            Emit(user, call, CallsState.NewCall);
        }

        Answer(call, user);
    }

    // ---------------------------------------------------------------- events

    private void Emit(Subscriber who, Call call, CallsState state, ReleaseCause? cause = null)
    {
        bool connected = call.Phase == CallPhase.Connected || state == CallsState.Connect || state == CallsState.Disconnect || state == CallsState.Hold || state == CallsState.Transfer;
        var message = new CallsChangeEvent
        {
            Src_Id = who.Id,
            Dst_Id = who.Id,
            CallsState = state,
            CR = call.Cr,
            Calling = PartyOf(call.Caller),
            Called = new CallParty { Number = call.Dialled, Comment = call.DialledName },
            Colp = connected && call.Callee is { } callee ? PartyOf(callee) : null,
            RelCause = cause,
        };
        Broadcast(s => s.CallsOwn && s.User == who, message);
        foreach (var s in XctipSessions())
        {
            if (s.CallsMonitored.Contains(who.Id) && s.User != who)
            {
                Send(s, message with { Src_Id = s.User!.Id });
            }
        }
    }

    private static CallParty PartyOf(CallEnd end)
    {
        if (end.Subscriber is { } s)
        {
            return new CallParty
            {
                Number = s.Extension,
                Comment = s.Name,
                TerminalType = s.Data.Voip || s.Data.Kind == SubscriberKind.Voip ? "SuboIP" : null,
            };
        }

        return new CallParty
        {
            Number = string.IsNullOrEmpty(end.Number) ? "0" : end.Number,
            Comment = end.Name,
            Group = end.Group,
            AreaCode = NumberMatcher.IsMobile(end.Number) ? "GSM" : null,
        };
    }

    /// <summary>Recomputes an extension's line state and reports changes as Status State and CTIP STAT.</summary>
    internal void UpdateLine(Subscriber s)
    {
        bool talking = false, ringing = false;
        foreach (var c in _calls.Values)
        {
            if ((c.Phase == CallPhase.Connected && (c.Caller.Subscriber == s || c.Callee?.Subscriber == s))
                || (c.Phase == CallPhase.Alerting && c.Caller.Subscriber == s))
            {
                talking = true;
            }
            else if (c.Alerting.Contains(s))
            {
                ringing = true;
            }
        }

        var state = talking ? PhoneState.Busy : ringing ? PhoneState.Ringing : s.OutOfOrder ? PhoneState.OutOfOrder : PhoneState.Free;
        SetPhoneState(s, state);
        if (talking != s.OffHook)
        {
            s.OffHook = talking;
            PublishCtipState(s);
        }
    }

    internal CtipState CtipStateOf(Subscriber s)
    {
        var services = CtipServices.None;
        if (s.HasActiveForward)
        {
            services |= CtipServices.Forward;
        }

        if (s.Dnd)
        {
            services |= CtipServices.DoNotDisturb;
        }

        if (s.Locked)
        {
            services |= CtipServices.Locked;
        }

        if (_calls.Values.Any(c => c.Phase == CallPhase.Connected && c.HeldBy == s))
        {
            services |= CtipServices.Parked;
        }

        if (_calls.Values.Any(c => c.Alerting.Contains(s)) && s.OffHook)
        {
            services |= CtipServices.CallWaiting;
        }

        var hook = s.OutOfOrder ? CtipHookState.OutOfOrder : s.OffHook ? CtipHookState.OffHook : CtipHookState.OnHook;
        return new CtipState(s.Extension, hook, services);
    }

    internal void PublishCtipState(Subscriber s) => BroadcastCtip(s, CtipStateOf(s));

    private static string? CtipNumber(CallEnd end) =>
        end.Subscriber is { } s ? "/" + s.Extension : string.IsNullOrEmpty(end.Number) ? null : end.Number;

    private static string CtipPort(CallEnd end) => end.Subscriber is { } s ? s.Extension : TrunkPort;

    private static string CtipDialled(Call call) =>
        call.Caller.IsInternal ? "/" + call.Dialled : call.Dialled;

    internal static CtipReleaseCause ToCtip(ReleaseCause cause) => cause.Value switch
    {
        "normal" => CtipReleaseCause.NormalClearing,
        "invalid_number" => CtipReleaseCause.InvalidNumber,
        "rejected" => CtipReleaseCause.RejectedByCalledParty,
        "busy" => CtipReleaseCause.CalledPartyBusy,
        "out_of_order" => CtipReleaseCause.CalledPartyOutOfOrder,
        "no_answer" => CtipReleaseCause.NoAnswer,
        "forwarded" => CtipReleaseCause.CallForwarded,
        "call_intercepted" => CtipReleaseCause.CallIntercepted,
        "dnd" => CtipReleaseCause.CalledPartyDnd,
        _ => CtipReleaseCause.NormalClearing,
    };
}

/// <summary>Where a call is.</summary>
public enum PbxCallPhase
{
    /// <summary>Ringing (or an outgoing call waiting for the far end).</summary>
    Ringing,

    /// <summary>Waiting in a Call Center queue.</summary>
    Waiting,

    /// <summary>Talking.</summary>
    Connected,

    /// <summary>Connected and on hold.</summary>
    Held,

    /// <summary>Ended.</summary>
    Released,
}

/// <summary>A snapshot of a call.</summary>
/// <param name="CR">Call reference.</param>
/// <param name="CallerNumber">Caller (extension or outside number).</param>
/// <param name="Dialled">Number dialled (after transfers: the transfer target).</param>
/// <param name="AnsweredBy">Answering extension or outside number; while an outgoing or forwarded-outside call rings, the outside number it rings.</param>
/// <param name="RingingAt">Extensions it rings on.</param>
/// <param name="Phase">Phase.</param>
/// <param name="ReleaseCause">Why it ended.</param>
/// <param name="QueueId">Call Center queue.</param>
/// <param name="Dtmf">DTMF digit strings sent into the call.</param>
public sealed record PbxCallInfo(int CR, string CallerNumber, string Dialled, string? AnsweredBy, IReadOnlyList<string> RingingAt, PbxCallPhase Phase, ReleaseCause? ReleaseCause, int? QueueId, IReadOnlyList<string> Dtmf);
