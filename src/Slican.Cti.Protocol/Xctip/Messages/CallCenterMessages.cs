namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The <c>CC</c> (Call Center) module: queues, agent login and breaks, callbacks (docs/protocol.md 5.5). Modeled.</summary>
internal static class CallCenterMessages
{
    public const string Module = "CC";

    public static XctipMessageDescriptor[] All { get; } =
    [
        new(Module, "Register_REQ", typeof(CallCenterRegisterRequest), XctipCIdOnlyRequest.Read<CallCenterRegisterRequest>),
        new(Module, "Queues_ANS", typeof(CallCenterQueuesAnswer), CallCenterQueuesAnswer.Read),
        new(Module, "AgentLogin_REQ", typeof(CallCenterAgentLoginRequest), CallCenterAgentLoginRequest.Read),
        new(Module, "AgentLogout_REQ", typeof(CallCenterAgentLogoutRequest), CallCenterAgentLogoutRequest.Read),
        new(Module, "Pause_REQ", typeof(CallCenterPauseRequest), CallCenterPauseRequest.Read),
        new(Module, "Queue_EV", typeof(CallCenterQueueEvent), CallCenterQueueEvent.Read),
        new(Module, "CallbackDone_REQ", typeof(CallCenterCallbackDoneRequest), CallCenterCallbackDoneRequest.Read),
    ];
}

/// <summary>
/// <c>CC/Register_REQ</c>: ask for the queues and follow them; answered by <c>Queues_ANS</c>, then <c>Queue_EV</c> on
/// changes. Modeled (docs/protocol.md 5.5).
/// </summary>
public sealed record CallCenterRegisterRequest : XctipCIdOnlyRequest
{
    /// <inheritdoc />
    public override string Module => CallCenterMessages.Module;

    /// <inheritdoc />
    public override string Name => "Register_REQ";
}

/// <summary>
/// <c>CC/Queues_ANS</c>: the Call Center queues visible to the user. Modeled (docs/protocol.md 5.5).
/// </summary>
public sealed record CallCenterQueuesAnswer : XctipMessage, IXctipCorrelated
{
    /// <inheritdoc />
    public override string Module => CallCenterMessages.Module;

    /// <inheritdoc />
    public override string Name => "Queues_ANS";

    /// <summary>The correlation number of the request this answers.</summary>
    public int? CId { get; init; }

    /// <summary>The queues, one <c>Queue</c> element each. Modeled.</summary>
    public ValueList<CallCenterQueue> Queue { get; init; } = ValueList<CallCenterQueue>.Empty;

    internal static CallCenterQueuesAnswer Read(ref XctipElementReader reader)
    {
        int? cid = null;
        var queueList = new List<CallCenterQueue>();
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Queue"u8)) reader.Add(queueList, CallCenterQueue.Read);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, Queue = queueList, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElements("Queue"u8, Queue);
    }
}

/// <summary>
/// <c>CC/AgentLogin_REQ</c>: log the user in to a queue as an agent. Modeled (docs/protocol.md 5.5).
/// </summary>
public sealed record CallCenterAgentLoginRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => CallCenterMessages.Module;

    /// <inheritdoc />
    public override string Name => "AgentLogin_REQ";

    /// <summary>The queue. Modeled.</summary>
    public int? QueueId { get; init; }

    internal static CallCenterAgentLoginRequest Read(ref XctipElementReader reader)
    {
        int? cid = null, queueId = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("QueueId"u8)) reader.Read(ref queueId, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, QueueId = queueId, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("QueueId"u8, QueueId);
    }
}

/// <summary>
/// <c>CC/AgentLogout_REQ</c>: log the user out of a queue. Modeled (docs/protocol.md 5.5).
/// </summary>
public sealed record CallCenterAgentLogoutRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => CallCenterMessages.Module;

    /// <inheritdoc />
    public override string Name => "AgentLogout_REQ";

    /// <summary>The queue. Modeled.</summary>
    public int? QueueId { get; init; }

    internal static CallCenterAgentLogoutRequest Read(ref XctipElementReader reader)
    {
        int? cid = null, queueId = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("QueueId"u8)) reader.Read(ref queueId, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, QueueId = queueId, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("QueueId"u8, QueueId);
    }
}

/// <summary>
/// <c>CC/Pause_REQ</c>: start or end a work break in all of the agent's queues. Modeled (docs/protocol.md 5.5).
/// </summary>
public sealed record CallCenterPauseRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => CallCenterMessages.Module;

    /// <inheritdoc />
    public override string Name => "Pause_REQ";

    /// <summary>Whether the break starts (<see langword="true"/>) or ends. Modeled.</summary>
    public bool? On { get; init; }

    /// <summary>Why, e.g. <c>Lunch</c>. Modeled.</summary>
    public string? Reason { get; init; }

    internal static CallCenterPauseRequest Read(ref XctipElementReader reader)
    {
        int? cid = null;
        bool? on = null;
        string? reason = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("On"u8)) reader.Read(ref on, ref unknown);
            else if (name.SequenceEqual("Reason"u8)) reader.Read(ref reason, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, On = on, Reason = reason, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("On"u8, On);
        writer.WriteElement("Reason"u8, Reason);
    }
}

/// <summary>
/// <c>CC/Queue_EV</c>: a queue changed; always carries the whole queue. Modeled (docs/protocol.md 5.5).
/// </summary>
public sealed record CallCenterQueueEvent : XctipMessage
{
    /// <inheritdoc />
    public override string Module => CallCenterMessages.Module;

    /// <inheritdoc />
    public override string Name => "Queue_EV";

    /// <summary>The queue's full state. Modeled.</summary>
    public CallCenterQueue? Queue { get; init; }

    internal static CallCenterQueueEvent Read(ref XctipElementReader reader)
    {
        CallCenterQueue? queue = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("Queue"u8)) reader.Read(ref queue, CallCenterQueue.Read, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { Queue = queue, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("Queue"u8, Queue);
    }
}

/// <summary>
/// <c>CC/CallbackDone_REQ</c>: record the outcome of a callback from the <c>CCCallback</c> list. Modeled
/// (docs/protocol.md 5.5).
/// </summary>
public sealed record CallCenterCallbackDoneRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => CallCenterMessages.Module;

    /// <inheritdoc />
    public override string Name => "CallbackDone_REQ";

    /// <summary>The callback id. Modeled.</summary>
    public int? CbId { get; init; }

    /// <summary>The outcome. Modeled.</summary>
    public CallbackResult? Result { get; init; }

    internal static CallCenterCallbackDoneRequest Read(ref XctipElementReader reader)
    {
        int? cid = null, cbId = null;
        CallbackResult? result = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("CbId"u8)) reader.Read(ref cbId, ref unknown);
            else if (name.SequenceEqual("Result"u8)) reader.Read(ref result, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, CbId = cbId, Result = result, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("CbId"u8, CbId);
        writer.WriteElement("Result"u8, Result);
    }
}

/// <summary>A Call Center queue, <c>Queue</c>. Modeled (docs/protocol.md 5.5).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A Call Center queue, named after the XCTIP element Queue; not a collection.")]
public sealed record CallCenterQueue : IXctipPart
{
    /// <summary>The queue id. Modeled.</summary>
    public int? QueueId { get; init; }

    /// <summary>The queue name. Modeled.</summary>
    public string? Name { get; init; }

    /// <summary>Whether the user is logged in to the queue as an agent. Modeled.</summary>
    public bool? LoggedIn { get; init; }

    /// <summary>Whether the user is on a break. Modeled.</summary>
    public bool? Paused { get; init; }

    /// <summary>The number of agents available. Modeled.</summary>
    public int? Agents { get; init; }

    /// <summary>The number of callers waiting. Modeled.</summary>
    public int? Waiting { get; init; }

    /// <summary>Elements the SDK does not model, kept in order.</summary>
    public ValueList<XctipElement> Unknown { get; init; } = ValueList<XctipElement>.Empty;

    internal static CallCenterQueue Read(ref XctipElementReader reader)
    {
        int? queueId = null, agents = null, waiting = null;
        string? nameText = null;
        bool? loggedIn = null, paused = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("QueueId"u8)) reader.Read(ref queueId, ref unknown);
            else if (name.SequenceEqual("Name"u8)) reader.Read(ref nameText, ref unknown);
            else if (name.SequenceEqual("LoggedIn"u8)) reader.Read(ref loggedIn, ref unknown);
            else if (name.SequenceEqual("Paused"u8)) reader.Read(ref paused, ref unknown);
            else if (name.SequenceEqual("Agents"u8)) reader.Read(ref agents, ref unknown);
            else if (name.SequenceEqual("Waiting"u8)) reader.Read(ref waiting, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            QueueId = queueId, Name = nameText, LoggedIn = loggedIn, Paused = paused, Agents = agents,
            Waiting = waiting, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    public void WriteTo(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("QueueId"u8, QueueId);
        writer.WriteElement("Name"u8, Name);
        writer.WriteElement("LoggedIn"u8, LoggedIn);
        writer.WriteElement("Paused"u8, Paused);
        writer.WriteElement("Agents"u8, Agents);
        writer.WriteElement("Waiting"u8, Waiting);
        writer.WriteElements(Unknown);
    }
}
