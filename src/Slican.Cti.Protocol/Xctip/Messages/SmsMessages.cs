namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The <c>SMS</c> module: internal chat (verified) and its modeled delivery state and conference posts.</summary>
internal static class SmsMessages
{
    public const string Module = "SMS";

    public static XctipMessageDescriptor[] All { get; } =
    [
        new(Module, "Register_REQ", typeof(SmsRegisterRequest), XctipCIdOnlyRequest.Read<SmsRegisterRequest>),
        new(Module, "Unregister_REQ", typeof(SmsUnregisterRequest), XctipCIdOnlyRequest.Read<SmsUnregisterRequest>),
        new(Module, "Send_REQ", typeof(SmsSendRequest), SmsSendRequest.Read),
        new(Module, "Receive_EV", typeof(SmsReceiveEvent), SmsReceiveEvent.Read),
        new(Module, "Status_EV", typeof(SmsStatusEvent), SmsStatusEvent.Read),
        new(Module, "MarkRead_REQ", typeof(SmsMarkReadRequest), SmsMarkReadRequest.Read),
    ];
}

/// <summary><c>SMS/Register_REQ</c>: subscribe to chat messages (<c>Receive_EV</c>). Verified.</summary>
public sealed record SmsRegisterRequest : XctipCIdOnlyRequest
{
    /// <inheritdoc />
    public override string Module => SmsMessages.Module;

    /// <inheritdoc />
    public override string Name => "Register_REQ";
}

/// <summary><c>SMS/Unregister_REQ</c>: stop chat messages. Verified.</summary>
public sealed record SmsUnregisterRequest : XctipCIdOnlyRequest
{
    /// <inheritdoc />
    public override string Module => SmsMessages.Module;

    /// <inheritdoc />
    public override string Name => "Unregister_REQ";
}

/// <summary><c>SMS/Send_REQ</c>: send a chat message; answered by <c>Answer</c>. Verified (<see cref="SmsType.Conference"/> posts are modeled).</summary>
public sealed record SmsSendRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => SmsMessages.Module;

    /// <inheritdoc />
    public override string Name => "Send_REQ";

    /// <summary>The target extension (external number inferred), or the conference id for <c>Conference</c> posts (modeled). Verified.</summary>
    public string? Number { get; init; }

    /// <summary>A message id; verified clients send it empty, which is kept in <see cref="XctipMessage.Unknown"/>. Verified name.</summary>
    public int? SMSId { get; init; }

    /// <summary>The message kind. Verified (<c>Internal</c>).</summary>
    public SmsType? Type { get; init; }

    /// <summary>The message text. Verified.</summary>
    public string? Text { get; init; }

    /// <summary>Do not store for an offline recipient (meaning inferred). Verified clients send it as an empty element: set <c>""</c> to write <c>&lt;DontBuffer&gt;&lt;/DontBuffer&gt;</c>, <see langword="null"/> to omit it.</summary>
    public string? DontBuffer { get; init; }

    /// <summary>Opaque data returned to the receiver. Verified.</summary>
    public string? UserData { get; init; }

    internal static SmsSendRequest Read(ref XctipElementReader reader)
    {
        int? cid = null;
        string? number = null;
        int? smsId = null;
        SmsType? type = null;
        string? text = null;
        string? dontBuffer = null;
        string? userData = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else if (name.SequenceEqual("SMSId"u8)) reader.Read(ref smsId, ref unknown);
            else if (name.SequenceEqual("Type"u8)) reader.Read(ref type, ref unknown);
            else if (name.SequenceEqual("Text"u8)) reader.Read(ref text, ref unknown);
            else if (name.SequenceEqual("DontBuffer"u8)) reader.Read(ref dontBuffer, ref unknown);
            else if (name.SequenceEqual("UserData"u8)) reader.Read(ref userData, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            CId = cid, Number = number, SMSId = smsId, Type = type, Text = text, DontBuffer = dontBuffer,
            UserData = userData, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Number"u8, Number);
        writer.WriteElement("SMSId"u8, SMSId);
        writer.WriteElement("Type"u8, Type);
        writer.WriteElement("Text"u8, Text);
        writer.WriteElement("DontBuffer"u8, DontBuffer);
        writer.WriteElement("UserData"u8, UserData);
    }
}

/// <summary><c>SMS/Receive_EV</c>: a chat message arrived. Verified (<see cref="ConfId"/> modeled).</summary>
public sealed record SmsReceiveEvent : XctipMessage
{
    /// <inheritdoc />
    public override string Module => SmsMessages.Module;

    /// <inheritdoc />
    public override string Name => "Receive_EV";

    /// <summary>When the message was received (PBX local time). Verified.</summary>
    public DateTime? RecvTime { get; init; }

    /// <summary>The sender's extension. Verified.</summary>
    public string? Number { get; init; }

    /// <summary>The message kind. Verified (<c>Internal</c>).</summary>
    public SmsType? Type { get; init; }

    /// <summary>The message text. Verified.</summary>
    public string? Text { get; init; }

    /// <summary>The sender's opaque data. Verified.</summary>
    public string? UserData { get; init; }

    /// <summary>The text conference a <c>Conference</c> post belongs to. Modeled (docs/protocol.md 5.7).</summary>
    public int? ConfId { get; init; }

    internal static SmsReceiveEvent Read(ref XctipElementReader reader)
    {
        DateTime? recvTime = null;
        string? number = null;
        SmsType? type = null;
        string? text = null;
        string? userData = null;
        int? confId = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("RecvTime"u8)) reader.Read(ref recvTime, ref unknown);
            else if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else if (name.SequenceEqual("Type"u8)) reader.Read(ref type, ref unknown);
            else if (name.SequenceEqual("Text"u8)) reader.Read(ref text, ref unknown);
            else if (name.SequenceEqual("UserData"u8)) reader.Read(ref userData, ref unknown);
            else if (name.SequenceEqual("ConfId"u8)) reader.Read(ref confId, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            RecvTime = recvTime, Number = number, Type = type, Text = text, UserData = userData, ConfId = confId,
            Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("RecvTime"u8, RecvTime);
        writer.WriteElement("Number"u8, Number);
        writer.WriteElement("Type"u8, Type);
        writer.WriteElement("Text"u8, Text);
        writer.WriteElement("UserData"u8, UserData);
        writer.WriteElement("ConfId"u8, ConfId);
    }
}

/// <summary><c>SMS/Status_EV</c>: the delivery state of a sent message changed. Modeled (docs/protocol.md 5.8).</summary>
public sealed record SmsStatusEvent : XctipMessage
{
    /// <inheritdoc />
    public override string Module => SmsMessages.Module;

    /// <inheritdoc />
    public override string Name => "Status_EV";

    /// <summary>The message id. Modeled.</summary>
    public int? SMSId { get; init; }

    /// <summary>The peer. Modeled.</summary>
    public string? Number { get; init; }

    /// <summary>The new delivery state. Modeled.</summary>
    public ChatDeliveryStatus? Status { get; init; }

    /// <summary>When the state changed. Modeled.</summary>
    public DateTime? Date { get; init; }

    internal static SmsStatusEvent Read(ref XctipElementReader reader)
    {
        int? smsId = null;
        string? number = null;
        ChatDeliveryStatus? status = null;
        DateTime? date = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("SMSId"u8)) reader.Read(ref smsId, ref unknown);
            else if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else if (name.SequenceEqual("Status"u8)) reader.Read(ref status, ref unknown);
            else if (name.SequenceEqual("Date"u8)) reader.Read(ref date, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            SMSId = smsId, Number = number, Status = status, Date = date, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("SMSId"u8, SMSId);
        writer.WriteElement("Number"u8, Number);
        writer.WriteElement("Status"u8, Status);
        writer.WriteElement("Date"u8, Date);
    }
}

/// <summary><c>SMS/MarkRead_REQ</c>: mark all messages from <see cref="Number"/> as read; answered by <c>Answer</c>. Modeled (docs/protocol.md 5.8).</summary>
public sealed record SmsMarkReadRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => SmsMessages.Module;

    /// <inheritdoc />
    public override string Name => "MarkRead_REQ";

    /// <summary>The peer whose messages the user has read. Modeled.</summary>
    public string? Number { get; init; }

    internal static SmsMarkReadRequest Read(ref XctipElementReader reader)
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

        return new()
        {
            CId = cid, Number = number, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Number"u8, Number);
    }
}
