namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The <c>Services</c> module: do-not-disturb and call forwarding (docs/protocol.md 5.4). Modeled.</summary>
internal static class ServicesMessages
{
    public const string Module = "Services";

    public static XctipMessageDescriptor[] All { get; } =
    [
        new(Module, "Get_REQ", typeof(ServicesGetRequest), XctipCIdOnlyRequest.Read<ServicesGetRequest>),
        new(Module, "Services_ANS", typeof(ServicesAnswer), ServicesAnswer.Read),
        new(Module, "Set_REQ", typeof(ServicesSetRequest), ServicesSetRequest.Read),
        new(Module, "Change_EV", typeof(ServicesChangeEvent), ServicesChangeEvent.Read),
    ];
}

/// <summary>
/// <c>Services/Get_REQ</c>: ask for the user's DND and forwarding settings; answered by <c>Services_ANS</c>. Modeled
/// (docs/protocol.md 5.4).
/// </summary>
public sealed record ServicesGetRequest : XctipCIdOnlyRequest
{
    /// <inheritdoc />
    public override string Module => ServicesMessages.Module;

    /// <inheritdoc />
    public override string Name => "Get_REQ";
}

/// <summary>
/// <c>Services/Services_ANS</c>: the user's DND and forwarding settings, one <c>Fwd</c> per type. Modeled
/// (docs/protocol.md 5.4).
/// </summary>
public sealed record ServicesAnswer : XctipMessage, IXctipCorrelated
{
    /// <inheritdoc />
    public override string Module => ServicesMessages.Module;

    /// <inheritdoc />
    public override string Name => "Services_ANS";

    /// <summary>The correlation number of the request this answers.</summary>
    public int? CId { get; init; }

    /// <summary>Do-not-disturb. Modeled.</summary>
    public DndState? Dnd { get; init; }

    /// <summary>The forwarding rules, one <c>Fwd</c> element each. Modeled.</summary>
    public ValueList<ForwardingRule> Fwd { get; init; } = ValueList<ForwardingRule>.Empty;

    internal static ServicesAnswer Read(ref XctipElementReader reader)
    {
        int? cid = null;
        DndState? dnd = null;
        var fwdList = new List<ForwardingRule>();
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Dnd"u8)) reader.Read(ref dnd, ref unknown);
            else if (name.SequenceEqual("Fwd"u8)) reader.Add(fwdList, ForwardingRule.Read);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, Dnd = dnd, Fwd = fwdList, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Dnd"u8, Dnd);
        writer.WriteElements("Fwd"u8, Fwd);
    }
}

/// <summary>
/// <c>Services/Set_REQ</c>: change DND and forwarding; an absent <see cref="Dnd"/> or forwarding type stays unchanged.
/// Modeled (docs/protocol.md 5.4).
/// </summary>
public sealed record ServicesSetRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => ServicesMessages.Module;

    /// <inheritdoc />
    public override string Name => "Set_REQ";

    /// <summary>The new do-not-disturb state; <see langword="null"/> to leave it. Modeled.</summary>
    public DndState? Dnd { get; init; }

    /// <summary>The forwarding rules, one <c>Fwd</c> element each. Modeled.</summary>
    public ValueList<ForwardingRule> Fwd { get; init; } = ValueList<ForwardingRule>.Empty;

    internal static ServicesSetRequest Read(ref XctipElementReader reader)
    {
        int? cid = null;
        DndState? dnd = null;
        var fwdList = new List<ForwardingRule>();
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Dnd"u8)) reader.Read(ref dnd, ref unknown);
            else if (name.SequenceEqual("Fwd"u8)) reader.Add(fwdList, ForwardingRule.Read);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, Dnd = dnd, Fwd = fwdList, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Dnd"u8, Dnd);
        writer.WriteElements("Fwd"u8, Fwd);
    }
}

/// <summary>
/// <c>Services/Change_EV</c>: a subscriber's DND or forwarding changed (a delta). Modeled (docs/protocol.md 5.4).
/// </summary>
public sealed record ServicesChangeEvent : XctipMessage
{
    /// <inheritdoc />
    public override string Module => ServicesMessages.Module;

    /// <inheritdoc />
    public override string Name => "Change_EV";

    /// <summary>The subscriber id, normally the user's. Modeled.</summary>
    public int? Id { get; init; }

    /// <summary>The new do-not-disturb state; <see langword="null"/> when unchanged. Modeled.</summary>
    public DndState? Dnd { get; init; }

    /// <summary>The forwarding rules, one <c>Fwd</c> element each. Modeled.</summary>
    public ValueList<ForwardingRule> Fwd { get; init; } = ValueList<ForwardingRule>.Empty;

    internal static ServicesChangeEvent Read(ref XctipElementReader reader)
    {
        int? id = null;
        DndState? dnd = null;
        var fwdList = new List<ForwardingRule>();
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("Id"u8)) reader.Read(ref id, ref unknown);
            else if (name.SequenceEqual("Dnd"u8)) reader.Read(ref dnd, ref unknown);
            else if (name.SequenceEqual("Fwd"u8)) reader.Add(fwdList, ForwardingRule.Read);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { Id = id, Dnd = dnd, Fwd = fwdList, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("Id"u8, Id);
        writer.WriteElement("Dnd"u8, Dnd);
        writer.WriteElements("Fwd"u8, Fwd);
    }
}

/// <summary>A call forwarding rule, <c>Fwd</c>. Modeled (docs/protocol.md 5.4).</summary>
public sealed record ForwardingRule : IXctipPart
{
    /// <summary>When the rule applies. Modeled.</summary>
    public ForwardingType? Type { get; init; }

    /// <summary>Whether the rule is switched on; switching off keeps the number. Modeled.</summary>
    public bool? On { get; init; }

    /// <summary>The forwarding target. Modeled.</summary>
    public string? Number { get; init; }

    /// <summary>Rings before forwarding, 0–9; meaningful for <c>NoAnswer</c>, <c>0</c> otherwise. Modeled.</summary>
    public int? Rings { get; init; }

    /// <summary>Elements the SDK does not model, kept in order.</summary>
    public ValueList<XctipElement> Unknown { get; init; } = ValueList<XctipElement>.Empty;

    internal static ForwardingRule Read(ref XctipElementReader reader)
    {
        ForwardingType? type = null;
        bool? on = null;
        string? number = null;
        int? rings = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("Type"u8)) reader.Read(ref type, ref unknown);
            else if (name.SequenceEqual("On"u8)) reader.Read(ref on, ref unknown);
            else if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else if (name.SequenceEqual("Rings"u8)) reader.Read(ref rings, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { Type = type, On = on, Number = number, Rings = rings, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    public void WriteTo(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("Type"u8, Type);
        writer.WriteElement("On"u8, On);
        writer.WriteElement("Number"u8, Number);
        writer.WriteElement("Rings"u8, Rings);
        writer.WriteElements(Unknown);
    }
}
