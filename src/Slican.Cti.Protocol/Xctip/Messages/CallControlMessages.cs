namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The modeled call-control requests of the <c>Calls</c> module (docs/protocol.md 5.3). Modeled.</summary>
internal static class CallControlMessages
{
    public const string Module = CallsMessages.Module;

    public static XctipMessageDescriptor[] All { get; } =
    [
        new(Module, "MakeCall_REQ", typeof(MakeCallRequest), MakeCallRequest.Read),
        new(Module, "Answer_REQ", typeof(AnswerCallRequest), CallReferenceRequest.Read<AnswerCallRequest>),
        new(Module, "Release_REQ", typeof(ReleaseCallRequest), CallReferenceRequest.Read<ReleaseCallRequest>),
        new(Module, "Reject_REQ", typeof(RejectCallRequest), RejectCallRequest.Read),
        new(Module, "Hold_REQ", typeof(HoldCallRequest), CallReferenceRequest.Read<HoldCallRequest>),
        new(Module, "Retrieve_REQ", typeof(RetrieveCallRequest), CallReferenceRequest.Read<RetrieveCallRequest>),
        new(Module, "Transfer_REQ", typeof(TransferCallRequest), TransferCallRequest.Read),
        new(Module, "Dtmf_REQ", typeof(DtmfRequest), DtmfRequest.Read),
        new(Module, "Pickup_REQ", typeof(PickupCallRequest), PickupCallRequest.Read),
        new(Module, "Conference_REQ", typeof(ConferenceCallRequest), ConferenceCallRequest.Read),
    ];
}

/// <summary>
/// <c>Calls/MakeCall_REQ</c>: start a call from the user's device to <see cref="Number"/>. Answered by <c>Answer{CId,
/// Error?, CR}</c> with the new call's reference. Modeled (docs/protocol.md 5.3).
/// </summary>
public sealed record MakeCallRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => CallControlMessages.Module;

    /// <inheritdoc />
    public override string Name => "MakeCall_REQ";

    /// <summary>The number to call, as dialled. Modeled.</summary>
    public string? Number { get; init; }

    internal static MakeCallRequest Read(ref XctipElementReader reader)
    {
        int? cid = null;
        string? number = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, Number = number, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Number"u8, Number);
    }
}

/// <summary>
/// A call-control request that names only the call (<c>Answer_REQ</c>, <c>Release_REQ</c>, <c>Hold_REQ</c>,
/// <c>Retrieve_REQ</c>): <c>{CId, CR}</c>. Modeled (docs/protocol.md 5.3).
/// </summary>
public abstract record CallReferenceRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => CallControlMessages.Module;

    /// <summary>The call reference (<c>CR</c>) of the call. Modeled.</summary>
    public int? CR { get; init; }

    /// <inheritdoc />
    protected sealed override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("CR"u8, CR);
    }

    internal static T Read<T>(ref XctipElementReader reader)
        where T : CallReferenceRequest, new()
    {
        int? cid = null, cr = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("CR"u8)) reader.Read(ref cr, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new T { CId = cid, CR = cr, Unknown = unknown.ToList() };
    }
}

/// <summary>
/// <c>Calls/Answer_REQ</c>: answer a ringing call. Modeled (docs/protocol.md 5.3).
/// </summary>
public sealed record AnswerCallRequest : CallReferenceRequest
{
    /// <inheritdoc />
    public override string Name => "Answer_REQ";
}

/// <summary>
/// <c>Calls/Release_REQ</c>: hang up a call. Modeled (docs/protocol.md 5.3).
/// </summary>
public sealed record ReleaseCallRequest : CallReferenceRequest
{
    /// <inheritdoc />
    public override string Name => "Release_REQ";
}

/// <summary>
/// <c>Calls/Reject_REQ</c>: reject a ringing call, or deflect it to <see cref="Number"/>. Modeled (docs/protocol.md
/// 5.3).
/// </summary>
public sealed record RejectCallRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => CallControlMessages.Module;

    /// <inheritdoc />
    public override string Name => "Reject_REQ";

    /// <summary>The call reference (<c>CR</c>) of the call. Modeled.</summary>
    public int? CR { get; init; }

    /// <summary>The number to deflect the call to; <see langword="null"/> to reject. Modeled.</summary>
    public string? Number { get; init; }

    internal static RejectCallRequest Read(ref XctipElementReader reader)
    {
        int? cid = null, cr = null;
        string? number = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("CR"u8)) reader.Read(ref cr, ref unknown);
            else if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, CR = cr, Number = number, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("CR"u8, CR);
        writer.WriteElement("Number"u8, Number);
    }
}

/// <summary>
/// <c>Calls/Hold_REQ</c>: put a call on hold (<c>Hold_ST</c>). Modeled (docs/protocol.md 5.3).
/// </summary>
public sealed record HoldCallRequest : CallReferenceRequest
{
    /// <inheritdoc />
    public override string Name => "Hold_REQ";
}

/// <summary>
/// <c>Calls/Retrieve_REQ</c>: take a held call back (<c>Connect_ST</c>). Modeled (docs/protocol.md 5.3).
/// </summary>
public sealed record RetrieveCallRequest : CallReferenceRequest
{
    /// <inheritdoc />
    public override string Name => "Retrieve_REQ";
}

/// <summary>
/// <c>Calls/Transfer_REQ</c>: transfer a call to <see cref="Number"/>; an announced transfer takes two requests, the
/// second with <see cref="ConsultCR"/>. Modeled (docs/protocol.md 5.3).
/// </summary>
public sealed record TransferCallRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => CallControlMessages.Module;

    /// <inheritdoc />
    public override string Name => "Transfer_REQ";

    /// <summary>The call reference of the call to transfer. Modeled.</summary>
    public int? CR { get; init; }

    /// <summary>The transfer target. Modeled.</summary>
    public string? Number { get; init; }

    /// <summary>How the call is handed over. Modeled.</summary>
    public TransferMode? Mode { get; init; }

    /// <summary>The consultation call to join with, in the second step of an announced transfer. Modeled.</summary>
    public int? ConsultCR { get; init; }

    internal static TransferCallRequest Read(ref XctipElementReader reader)
    {
        int? cid = null, cr = null, consultCr = null;
        string? number = null;
        TransferMode? mode = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("CR"u8)) reader.Read(ref cr, ref unknown);
            else if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else if (name.SequenceEqual("Mode"u8)) reader.Read(ref mode, ref unknown);
            else if (name.SequenceEqual("ConsultCR"u8)) reader.Read(ref consultCr, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, CR = cr, Number = number, Mode = mode, ConsultCR = consultCr, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("CR"u8, CR);
        writer.WriteElement("Number"u8, Number);
        writer.WriteElement("Mode"u8, Mode);
        writer.WriteElement("ConsultCR"u8, ConsultCR);
    }
}

/// <summary>
/// <c>Calls/Dtmf_REQ</c>: send DTMF digits into a call. Modeled (docs/protocol.md 5.3).
/// </summary>
public sealed record DtmfRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => CallControlMessages.Module;

    /// <inheritdoc />
    public override string Name => "Dtmf_REQ";

    /// <summary>The call reference (<c>CR</c>) of the call. Modeled.</summary>
    public int? CR { get; init; }

    /// <summary>The digits, <c>0</c>–<c>9</c>, <c>*</c> and <c>#</c>. Modeled.</summary>
    public string? Digits { get; init; }

    internal static DtmfRequest Read(ref XctipElementReader reader)
    {
        int? cid = null, cr = null;
        string? digits = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("CR"u8)) reader.Read(ref cr, ref unknown);
            else if (name.SequenceEqual("Digits"u8)) reader.Read(ref digits, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, CR = cr, Digits = digits, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("CR"u8, CR);
        writer.WriteElement("Digits"u8, Digits);
    }
}

/// <summary>
/// <c>Calls/Pickup_REQ</c>: pick up the call ringing at <see cref="Number"/>, or a group pickup without it. Modeled
/// (docs/protocol.md 5.3).
/// </summary>
public sealed record PickupCallRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => CallControlMessages.Module;

    /// <inheritdoc />
    public override string Name => "Pickup_REQ";

    /// <summary>The ringing extension; <see langword="null"/> for the user's pickup group. Modeled.</summary>
    public string? Number { get; init; }

    internal static PickupCallRequest Read(ref XctipElementReader reader)
    {
        int? cid = null;
        string? number = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, Number = number, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Number"u8, Number);
    }
}

/// <summary>
/// <c>Calls/Conference_REQ</c>: join the held call and the active consultation call into a three-party conference.
/// Modeled (docs/protocol.md 5.3).
/// </summary>
public sealed record ConferenceCallRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => CallControlMessages.Module;

    /// <inheritdoc />
    public override string Name => "Conference_REQ";

    /// <summary>The call reference of the held call. Modeled.</summary>
    public int? CR { get; init; }

    /// <summary>The call reference of the active consultation call. Modeled.</summary>
    public int? ConsultCR { get; init; }

    internal static ConferenceCallRequest Read(ref XctipElementReader reader)
    {
        int? cid = null, cr = null, consultCr = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("CR"u8)) reader.Read(ref cr, ref unknown);
            else if (name.SequenceEqual("ConsultCR"u8)) reader.Read(ref consultCr, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, CR = cr, ConsultCR = consultCr, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("CR"u8, CR);
        writer.WriteElement("ConsultCR"u8, ConsultCR);
    }
}
