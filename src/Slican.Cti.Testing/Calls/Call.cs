using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Testing.Calls;

/// <summary>Where a call is in its life.</summary>
internal enum CallPhase
{
    Alerting,
    Waiting,
    Connected,
    Released,
}

/// <summary>One end of a call: an extension or an outside number.</summary>
internal sealed record CallEnd(Subscriber? Subscriber, string Number, string? Name, string? Group)
{
    public bool IsInternal => Subscriber is not null;

    public static CallEnd Internal(Subscriber s) => new(s, s.Extension, s.Name, null);
}

/// <summary>
/// A call with its reference (<c>CR</c>): the caller, what was dialled, the extensions it rings on and the answering
/// end. Only touched under the world lock.
/// </summary>
internal sealed class Call
{
    public Call(int cr, CallEnd caller, string dialled, DateTime now)
    {
        Cr = cr;
        Caller = caller;
        Dialled = dialled;
        Started = now;
    }

    public int Cr { get; }

    public CallEnd Caller { get; set; }

    public string Dialled { get; set; }

    /// <summary>Name shown for the dialled number (subscriber, ring group or queue).</summary>
    public string? DialledName { get; set; }

    public List<Subscriber> Alerting { get; } = [];

    /// <summary>Extensions that were offered the call (for missed-call history).</summary>
    public HashSet<Subscriber> Offered { get; } = [];

    /// <summary>The answering end (internal or outside) once connected; the outside number while an outgoing call rings.</summary>
    public CallEnd? Callee { get; set; }

    public CallPhase Phase { get; set; } = CallPhase.Alerting;

    public Subscriber? HeldBy { get; set; }

    public DateTime Started { get; }

    public DateTime? Connected { get; set; }

    public int? QueueId { get; set; }

    public string? RingGroup { get; set; }

    public ReleaseCause? ReleaseCause { get; set; }

    public ITimer? NoAnswerTimer { get; set; }

    public List<string> Dtmf { get; } = [];

    public int? ConferenceWith { get; set; }

    /// <summary>The user tag another interface put on the call (CTIP UTAG), if any.</summary>
    public string? UserTag { get; set; }

    /// <summary>Running recordings: the recorded extension and its recording id (CTIP RECB).</summary>
    public Dictionary<Subscriber, string> Recordings { get; } = [];

    /// <summary>Forwarding hops so far (loop guard).</summary>
    public int Hops { get; set; }

    public bool IsParty(Subscriber s) => Caller.Subscriber == s || Callee?.Subscriber == s || Alerting.Contains(s);

    /// <summary>Internal parties that currently see the call.</summary>
    public IEnumerable<Subscriber> Parties()
    {
        if (Caller.Subscriber is { } a)
        {
            yield return a;
        }

        foreach (var s in Alerting)
        {
            if (s != Caller.Subscriber)
            {
                yield return s;
            }
        }

        if (Callee?.Subscriber is { } b && b != Caller.Subscriber && !Alerting.Contains(b))
        {
            yield return b;
        }
    }

    public CallEnd? OtherEnd(Subscriber s) => Caller.Subscriber == s ? Callee : Caller;
}
