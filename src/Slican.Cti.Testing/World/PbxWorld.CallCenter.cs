using Slican.Cti.Protocol.Xctip.Messages;
using Slican.Cti.Testing.Calls;
using Slican.Cti.Testing.Xctip;

namespace Slican.Cti.Testing;

public sealed partial class PbxWorld
{
    private readonly Dictionary<int, QueueState> _queues = [];
    private int _nextCbId = 100;

    private void InitialiseCallCenter(PbxWorldData data)
    {
        foreach (var q in data.Queues)
        {
            _queues[q.QueueId] = new QueueState(q);
        }

        if (data.Callbacks.Count > 0)
        {
            _nextCbId = Math.Max(_nextCbId, data.Callbacks.Max(c => c.CbId) + 1);
        }
    }

    private sealed class QueueState(QueueData data)
    {
        public QueueData Data { get; } = data;

        public HashSet<string> LoggedIn { get; } = new(data.LoggedInAgents, StringComparer.Ordinal);

        public List<Call> Waiting { get; } = [];

        public (int Agents, int Waiting) LastPublished { get; set; } = (-1, -1);
    }

    private int AvailableAgents(QueueState q) =>
        q.LoggedIn.Select(FindByExtension).Count(s => s is not null && !s.Paused && !s.Dnd && !IsBusy(s) && !_calls.Values.Any(c => c.Alerting.Contains(s)));

    private CallCenterQueue ViewOf(QueueState q, Subscriber user) => new()
    {
        QueueId = q.Data.QueueId,
        Name = q.Data.Name,
        LoggedIn = q.LoggedIn.Contains(user.Extension),
        Paused = user.Paused,
        Agents = AvailableAgents(q),
        Waiting = q.Waiting.Count,
    };

    internal void HandleCcRegister(XctipSession session, CallCenterRegisterRequest request)
    {
        lock (_gate)
        {
            session.CcRegistered = true;
            Reply(session, new CallCenterQueuesAnswer { CId = request.CId, Queue = _queues.Values.Select(q => ViewOf(q, session.User!)).ToArray() });
        }
    }

    internal void HandleAgentLogin(XctipSession session, int? cid, int? queueId, bool login)
    {
        lock (_gate)
        {
            var user = session.User!;
            if (queueId is null || !_queues.TryGetValue(queueId.Value, out var q))
            {
                Reply(session, "CC", cid, PbxErrors.MalformedMessage);
                return;
            }

            if (!q.Data.Agents.Contains(user.Extension))
            {
                Reply(session, "CC", cid, PbxErrors.NotPermitted);
                return;
            }

            Reply(session, "CC", cid);
            SetAgentLogin(q.Data.QueueId, user, login);
        }
    }

    internal void SetAgentLogin(int queueId, Subscriber agent, bool login)
    {
        var q = _queues[queueId];
        bool changed = login ? q.LoggedIn.Add(agent.Extension) : q.LoggedIn.Remove(agent.Extension);
        if (changed)
        {
            QueueChanged(queueId, force: true);
            DispatchAllQueues();
        }
    }

    internal void HandlePause(XctipSession session, CallCenterPauseRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            if (request.On is null)
            {
                Reply(session, "CC", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            if (!_queues.Values.Any(q => q.Data.Agents.Contains(user.Extension)))
            {
                Reply(session, "CC", request.CId, PbxErrors.NotPermitted);
                return;
            }

            Reply(session, "CC", request.CId);
            SetPause(user, request.On.Value, request.Reason);
        }
    }

    internal void SetPause(Subscriber agent, bool on, string? reason)
    {
        if (agent.Paused == on)
        {
            return;
        }

        agent.Paused = on;
        agent.PauseReason = on ? reason : null;
        foreach (var q in _queues.Values.Where(q => q.Data.Agents.Contains(agent.Extension)))
        {
            QueueChanged(q.Data.QueueId, force: true);
        }

        DispatchAllQueues();
    }

    internal void HandleCallbackDone(XctipSession session, CallCenterCallbackDoneRequest request)
    {
        lock (_gate)
        {
            var user = session.User!;
            if (request.CbId is not { } id || !_callbacks.TryGetValue(id, out var cb) || request.Result is not { } result || !CallbackResult.KnownValues.Contains(result))
            {
                Reply(session, "CC", request.CId, PbxErrors.MalformedMessage);
                return;
            }

            if (!_queues.TryGetValue(cb.QueueId, out var q) || !q.Data.Agents.Contains(user.Extension))
            {
                Reply(session, "CC", request.CId, PbxErrors.NotPermitted);
                return;
            }

            Reply(session, "CC", request.CId);
            var updated = result.Value switch
            {
                "Done" => cb with { State = "Done" },
                "Cancelled" => cb with { State = "Failed" },
                _ => cb with { Attempts = cb.Attempts + 1, State = cb.Attempts + 1 >= q.Data.MaxCallbackAttempts ? "Failed" : "Waiting" },
            };
            PutCallback(updated);
        }
    }

    internal int StartQueueCall(int queueId, string fromNumber)
    {
        if (!_queues.TryGetValue(queueId, out var q))
        {
            throw new ArgumentException($"There is no Call Center queue {queueId}; the world has {string.Join(", ", _queues.Keys)}.", nameof(queueId));
        }

        var (name, group) = LookupContact(fromNumber);
        var call = new Call(_nextCr++, new CallEnd(null, fromNumber, name, group), q.Data.Number.Length > 0 ? q.Data.Number : q.Data.Name, Now)
        {
            QueueId = queueId,
            Phase = CallPhase.Waiting,
            DialledName = q.Data.Name,
        };
        _calls.Add(call.Cr, call);
        q.Waiting.Add(call);
        QueueChanged(queueId);
        DispatchAllQueues();
        return call.Cr;
    }

    private void LoseQueueCall(Call call)
    {
        var q = _queues[call.QueueId!.Value];
        q.Waiting.Remove(call);
        call.Phase = CallPhase.Released;
        call.ReleaseCause = ReleaseCause.Normal;
        _calls.Remove(call.Cr);
        _ended.AddFirst(Info(call));
        PutCallback(new CallbackData
        {
            CbId = _nextCbId++, QueueId = q.Data.QueueId, Number = call.Caller.Number, Name = call.Caller.Name, Time = Now, Attempts = 0, State = "Waiting",
        });
        QueueChanged(q.Data.QueueId);
    }

    private void DispatchAllQueues()
    {
        foreach (var q in _queues.Values)
        {
            while (q.Waiting.Count > 0)
            {
                var agent = q.LoggedIn.Select(FindByExtension).OfType<Subscriber>()
                    .FirstOrDefault(s => !s.Paused && !s.Dnd && !s.OutOfOrder && !IsBusy(s) && !_calls.Values.Any(c => c.Alerting.Contains(s)));
                if (agent is null)
                {
                    break;
                }

                var call = q.Waiting[0];
                q.Waiting.RemoveAt(0);
                call.Phase = CallPhase.Alerting;
                Alert(call, agent, waiting: false);
            }

            QueueChanged(q.Data.QueueId);
        }
    }

    private void QueueChanged(int queueId, bool force = false)
    {
        var q = _queues[queueId];
        var now = (AvailableAgents(q), q.Waiting.Count);
        if (!force && now == q.LastPublished)
        {
            return;
        }

        q.LastPublished = now;
        foreach (var s in XctipSessions())
        {
            if (s.CcRegistered)
            {
                Send(s, new CallCenterQueueEvent { Queue = ViewOf(q, s.User!) });
            }
        }
    }
}
