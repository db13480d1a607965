using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Testing.Calls;
using Slican.Cti.Testing.Xctip;

namespace Slican.Cti.Testing;

public sealed partial class PbxWorld
{
    internal void HandleCallsRegister(XctipSession session, CallsRegisterRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            Subscriber watched = user;
            bool already;
            if (request.Id is { } id && id != user.Id)
            {
                var other = FindById(id);
                if (other is null)
                {
                    Reply(session, "Calls", request.CId, PbxErrors.MalformedMessage);
                    return;
                }

                if (other.Data.CtiPassword is null || !string.Equals(other.Data.CtiPassword, request.Pass, StringComparison.Ordinal))
                {
                    Reply(session, "Calls", request.CId, PbxErrors.NotPermitted);
                    return;
                }

                already = !session.CallsMonitored.Add(other.Id);
                watched = other;
            }
            else
            {
                already = session.CallsOwn;
                session.CallsOwn = true;
            }

            Reply(session, "Calls", request.CId);
            if (already)
            {
                return; // R2 re-registers every minute: that must not repeat the calls in progress
            }

            // The calls in progress, so a client that registers mid-call (e.g. after a reconnect) knows them.
            foreach (var call in _calls.Values.Where(c => c.IsParty(watched)).OrderBy(c => c.Cr))
            {
                var state = call.Phase == CallPhase.Connected ? (call.HeldBy == watched ? CallsState.Hold : CallsState.Connect) : CallsState.NewCall;
                var message = new CallsChangeEvent
                {
                    Src_Id = user.Id,
                    Dst_Id = watched.Id,
                    CallsState = state,
                    CR = call.Cr,
                    Calling = PartyOf(call.Caller),
                    Called = new CallParty { Number = call.Dialled, Comment = call.DialledName },
                    Colp = call.Phase == CallPhase.Connected && call.Callee is { } callee ? PartyOf(callee) : null,
                };
                Send(session, message);
            }
        }
    }

    internal void HandleMakeCall(XctipSession session, MakeCallRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            string? number = request.Number?.Trim();
            if (string.IsNullOrEmpty(number) || !number.All(c => char.IsAsciiDigit(c) || c is '*' or '#' or '+'))
            {
                Reply(session, "Calls", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            if (user.OutOfOrder || user.Locked)
            {
                Reply(session, "Calls", request.CId, PbxErrors.NotPermitted);
                return;
            }

            int cr = _nextCr; // the reply precedes the call's events
            Reply(session, "Calls", request.CId, null, cr);
            StartOutgoing(user, number);
        }
    }

    internal void HandleCallRequest(XctipSession session, int? cid, int? cr, CallAction action)
    {
        lock (_gate)
        {
            var user = session.User!;
            if (cr is null)
            {
                Reply(session, "Calls", cid, PbxErrors.MalformedMessage);
                return;
            }

            var call = FindActiveCall(cr);
            string? error = call is null ? PbxErrors.NoSuchCall : action switch
            {
                CallAction.Answer when call.Phase != CallPhase.Alerting || !call.Alerting.Contains(user) => PbxErrors.NoSuchCall,
                CallAction.Answer when !CanAnswerRemotely(user) => PbxErrors.NotPermitted,
                CallAction.Release when !call.IsParty(user) => PbxErrors.NoSuchCall,
                CallAction.Hold when call.Phase != CallPhase.Connected || !IsConnectedParty(call, user) || call.HeldBy is not null => PbxErrors.NoSuchCall,
                CallAction.Retrieve when call.Phase != CallPhase.Connected || call.HeldBy != user => PbxErrors.NoSuchCall,
                _ => null,
            };
            if (error is not null)
            {
                Reply(session, "Calls", cid, error);
                return;
            }

            Reply(session, "Calls", cid);
            switch (action)
            {
                case CallAction.Answer:
                    Answer(call!, user);
                    break;
                case CallAction.Release:
                    HangUp(call!, user);
                    break;
                case CallAction.Hold:
                    Hold(call!, user);
                    break;
                case CallAction.Retrieve:
                    Retrieve(call!, user);
                    break;
            }
        }
    }

    /// <summary>A MessengerCTI softphone or a CTS system phone can be answered remotely; analog and SIP desk phones cannot.</summary>
    private static bool CanAnswerRemotely(Subscriber s) => s.Data.Voip || s.Data.Phone == PhoneKind.System;

    private static bool IsConnectedParty(Call call, Subscriber s) => call.Caller.Subscriber == s || call.Callee?.Subscriber == s;

    internal void HandleReject(XctipSession session, RejectCallRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            var call = FindActiveCall(request.CR);
            if (request.CR is null || (request.Number is { } n && string.IsNullOrWhiteSpace(n)))
            {
                Reply(session, "Calls", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            if (call is null || call.Phase != CallPhase.Alerting || !call.Alerting.Contains(user))
            {
                Reply(session, "Calls", request.CId, PbxErrors.NoSuchCall);
                return;
            }

            string? target = request.Number?.Trim();
            if (target is not null && target != user.Extension && FindByExtension(target) is null && !_ringGroups.ContainsKey(target) && !NumberMatcher.IsOutside(target))
            {
                Reply(session, "Calls", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            Reply(session, "Calls", request.CId);
            Reject(call, user, target);
        }
    }

    internal void HandleTransfer(XctipSession session, TransferCallRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            string? number = request.Number?.Trim();
            var mode = request.Mode;
            if (request.CR is null || string.IsNullOrEmpty(number) || mode is not { } m || !TransferMode.KnownValues.Contains(m))
            {
                Reply(session, "Calls", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            var call = FindActiveCall(request.CR);
            if (call is null || call.Phase != CallPhase.Connected || !IsConnectedParty(call, user))
            {
                Reply(session, "Calls", request.CId, PbxErrors.NoSuchCall);
                return;
            }

            if (NumberMatcher.IsOutside(number) && call.OtherEnd(user) is { IsInternal: false })
            {
                // An outside party cannot be handed to another outside number (CTIP NA 6).
                Reply(session, "Calls", request.CId, PbxErrors.NotPermitted);
                return;
            }

            if (m == TransferMode.Announced)
            {
                if (request.ConsultCR is { } consultCr)
                {
                    var consult = FindActiveCall(consultCr);
                    if (consult is null || consult.Caller.Subscriber != user)
                    {
                        Reply(session, "Calls", request.CId, PbxErrors.NoSuchCall);
                        return;
                    }

                    Reply(session, "Calls", request.CId);
                    TransferJoin(call, consult, user);
                    return;
                }

                Reply(session, "Calls", request.CId);
                if (call.HeldBy is null)
                {
                    Hold(call, user);
                }

                StartOutgoing(user, number);
                return;
            }

            Reply(session, "Calls", request.CId);
            TransferBlind(call, user, number, announcedHold: m == TransferMode.Unannounced);
        }
    }

    internal void HandleDtmf(XctipSession session, DtmfRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            if (request.CR is null || string.IsNullOrEmpty(request.Digits) || !request.Digits.All(c => char.IsAsciiDigit(c) || c is '*' or '#'))
            {
                Reply(session, "Calls", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            var call = FindActiveCall(request.CR);
            if (call is null || call.Phase != CallPhase.Connected || !IsConnectedParty(call, user))
            {
                Reply(session, "Calls", request.CId, PbxErrors.NoSuchCall);
                return;
            }

            Reply(session, "Calls", request.CId);
            SendDtmf(call, user, request.Digits);
        }
    }

    internal void HandlePickup(XctipSession session, PickupCallRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            string? number = string.IsNullOrWhiteSpace(request.Number) ? null : request.Number.Trim();
            if (number is not null && FindByExtension(number) is null)
            {
                Reply(session, "Calls", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            var call = FindPickupCandidate(user, number);
            if (call is null)
            {
                Reply(session, "Calls", request.CId, PbxErrors.NoSuchCall);
                return;
            }

            Reply(session, "Calls", request.CId);
            Pickup(call, user);
        }
    }

    internal void HandleConferenceCall(XctipSession session, ConferenceCallRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            if (request.CR is null || request.ConsultCR is null)
            {
                Reply(session, "Calls", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            var held = FindActiveCall(request.CR);
            var consult = FindActiveCall(request.ConsultCR);
            if (held is null || consult is null || held.HeldBy != user || consult.Phase != CallPhase.Connected || !IsConnectedParty(consult, user))
            {
                Reply(session, "Calls", request.CId, PbxErrors.NoSuchCall);
                return;
            }

            Reply(session, "Calls", request.CId);
            Conference(held, consult, user);
        }
    }
}
