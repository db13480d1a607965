namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The <c>GSM</c> module: SMS through a GSM gateway, the XML twin of the CTIP GSM commands. Verified.</summary>
internal static class GsmMessages
{
    public const string Module = "GSM";

    public static XctipMessageDescriptor[] All { get; } =
    [
        new(Module, "Register_REQ", typeof(GsmRegisterRequest), GsmRegisterRequest.Read),
        new(Module, "RegisterInfo_ANS", typeof(GsmRegisterInfoAnswer), GsmRegisterInfoAnswer.Read),
        new(Module, "SMSSend_REQ", typeof(GsmSmsSendRequest), GsmSmsSendRequest.Read),
        new(Module, "SMSGet_EV", typeof(GsmSmsGetEvent), GsmSmsGetEvent.Read),
        new(Module, "SMSAcknowledge_EV", typeof(GsmSmsAcknowledgeEvent), GsmSmsAcknowledgeEvent.Read),
        new(Module, "SMSReport_EV", typeof(GsmSmsReportEvent), GsmSmsReportEvent.Read),
        new(Module, "SMSOk_REQ", typeof(GsmSmsOkRequest), GsmSmsOkRequest.Read),
        new(Module, "Unregister_REQ", typeof(GsmUnregisterRequest), GsmUnregisterRequest.Read),
    ];
}

/// <summary><c>GSM/Register_REQ</c>: register for a GSM gateway's SMS; answered by <c>RegisterInfo_ANS</c>. Verified.</summary>
public sealed record GsmRegisterRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => GsmMessages.Module;

    /// <inheritdoc />
    public override string Name => "Register_REQ";

    /// <summary>The gateway or line selector (inferred). Verified name.</summary>
    public string? Number { get; init; }

    /// <summary>The text code page; <c>PBX</c> verified, CTIP LOGI values inferred.</summary>
    public string? CodePage { get; init; }

    internal static GsmRegisterRequest Read(ref XctipElementReader reader)
    {
        int? cid = null;
        string? number = null;
        string? codePage = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else if (name.SequenceEqual("CodePage"u8)) reader.Read(ref codePage, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            CId = cid, Number = number, CodePage = codePage, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Number"u8, Number);
        writer.WriteElement("CodePage"u8, CodePage);
    }
}

/// <summary><c>GSM/RegisterInfo_ANS</c>: the registered gateway. Verified.</summary>
public sealed record GsmRegisterInfoAnswer : XctipMessage
{
    /// <inheritdoc />
    public override string Module => GsmMessages.Module;

    /// <inheritdoc />
    public override string Name => "RegisterInfo_ANS";

    /// <summary>The gateway registration id. Verified.</summary>
    public int? GsmId { get; init; }

    /// <summary>The gateway's own number (MSISDN). Verified.</summary>
    public string? Number { get; init; }

    /// <summary>The text code page, e.g. <c>PBX</c>. Verified.</summary>
    public string? CodePage { get; init; }

    internal static GsmRegisterInfoAnswer Read(ref XctipElementReader reader)
    {
        int? gsmId = null;
        string? number = null;
        string? codePage = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("GsmId"u8)) reader.Read(ref gsmId, ref unknown);
            else if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else if (name.SequenceEqual("CodePage"u8)) reader.Read(ref codePage, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            GsmId = gsmId, Number = number, CodePage = codePage, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("GsmId"u8, GsmId);
        writer.WriteElement("Number"u8, Number);
        writer.WriteElement("CodePage"u8, CodePage);
    }
}

/// <summary><c>GSM/SMSSend_REQ</c>: send an SMS through the gateway. Verified.</summary>
public sealed record GsmSmsSendRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => GsmMessages.Module;

    /// <inheritdoc />
    public override string Name => "SMSSend_REQ";

    /// <summary>The gateway registration id from <c>RegisterInfo_ANS</c>. Verified.</summary>
    public int? GsmId { get; init; }

    /// <summary>The recipient. Verified.</summary>
    public string? Number { get; init; }

    /// <summary><c>Normal</c> verified; <c>Flash</c> inferred.</summary>
    public string? Type { get; init; }

    /// <summary>Whether to request a delivery report. Verified.</summary>
    public bool? Report { get; init; }

    /// <summary>The validity period (TP-VP; <c>167</c> = 24 h). Verified.</summary>
    public int? Time { get; init; }

    /// <summary>The text. Verified.</summary>
    public string? Text { get; init; }

    /// <summary>The part of a concatenated SMS. Verified.</summary>
    public GsmMultiPart? MultiPart { get; init; }

    /// <summary>The text coding; <c>GSM</c> verified, <c>UCS2</c>/<c>Auto</c> inferred.</summary>
    public string? Code { get; init; }

    internal static GsmSmsSendRequest Read(ref XctipElementReader reader)
    {
        int? cid = null;
        int? gsmId = null;
        string? number = null;
        string? type = null;
        bool? report = null;
        int? time = null;
        string? text = null;
        GsmMultiPart? multiPart = null;
        string? code = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("GsmId"u8)) reader.Read(ref gsmId, ref unknown);
            else if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else if (name.SequenceEqual("Type"u8)) reader.Read(ref type, ref unknown);
            else if (name.SequenceEqual("Report"u8)) reader.Read(ref report, ref unknown);
            else if (name.SequenceEqual("Time"u8)) reader.Read(ref time, ref unknown);
            else if (name.SequenceEqual("Text"u8)) reader.Read(ref text, ref unknown);
            else if (name.SequenceEqual("MultiPart"u8)) reader.Read(ref multiPart, GsmMultiPart.Read, ref unknown);
            else if (name.SequenceEqual("Code"u8)) reader.Read(ref code, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            CId = cid, GsmId = gsmId, Number = number, Type = type, Report = report, Time = time, Text = text,
            MultiPart = multiPart, Code = code, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("GsmId"u8, GsmId);
        writer.WriteElement("Number"u8, Number);
        writer.WriteElement("Type"u8, Type);
        writer.WriteElement("Report"u8, Report);
        writer.WriteElement("Time"u8, Time);
        writer.WriteElement("Text"u8, Text);
        writer.WriteElement("MultiPart"u8, MultiPart);
        writer.WriteElement("Code"u8, Code);
    }
}

/// <summary><c>GSM/SMSGet_EV</c>: an SMS arrived; acknowledge it with <c>SMSOk_REQ</c> (inferred from CTIP). Verified.</summary>
public sealed record GsmSmsGetEvent : XctipMessage
{
    /// <inheritdoc />
    public override string Module => GsmMessages.Module;

    /// <inheritdoc />
    public override string Name => "SMSGet_EV";

    /// <summary>The gateway registration id from <c>RegisterInfo_ANS</c>. Verified.</summary>
    public int? GsmId { get; init; }

    /// <summary>The module memory index, used in <c>SMSOk_REQ</c>. Verified.</summary>
    public int? MemId { get; init; }

    /// <summary>The sender. Verified.</summary>
    public string? Number { get; init; }

    /// <summary>The SMS kind, e.g. <c>Normal</c>. Verified.</summary>
    public string? Type { get; init; }

    /// <summary>The part of a concatenated SMS. Verified.</summary>
    public GsmMultiPart? MultiPart { get; init; }

    /// <summary>When the SMS was received. Verified.</summary>
    public DateTime? Date { get; init; }

    /// <summary>The text. Verified.</summary>
    public string? Text { get; init; }

    internal static GsmSmsGetEvent Read(ref XctipElementReader reader)
    {
        int? gsmId = null;
        int? memId = null;
        string? number = null;
        string? type = null;
        GsmMultiPart? multiPart = null;
        DateTime? date = null;
        string? text = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("GsmId"u8)) reader.Read(ref gsmId, ref unknown);
            else if (name.SequenceEqual("MemId"u8)) reader.Read(ref memId, ref unknown);
            else if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else if (name.SequenceEqual("Type"u8)) reader.Read(ref type, ref unknown);
            else if (name.SequenceEqual("MultiPart"u8)) reader.Read(ref multiPart, GsmMultiPart.Read, ref unknown);
            else if (name.SequenceEqual("Date"u8)) reader.Read(ref date, ref unknown);
            else if (name.SequenceEqual("Text"u8)) reader.Read(ref text, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            GsmId = gsmId, MemId = memId, Number = number, Type = type, MultiPart = multiPart, Date = date,
            Text = text, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("GsmId"u8, GsmId);
        writer.WriteElement("MemId"u8, MemId);
        writer.WriteElement("Number"u8, Number);
        writer.WriteElement("Type"u8, Type);
        writer.WriteElement("MultiPart"u8, MultiPart);
        writer.WriteElement("Date"u8, Date);
        writer.WriteElement("Text"u8, Text);
    }
}

/// <summary><c>GSM/SMSAcknowledge_EV</c>: the gateway accepted or rejected a sent SMS. Verified.</summary>
public sealed record GsmSmsAcknowledgeEvent : XctipMessage
{
    /// <inheritdoc />
    public override string Module => GsmMessages.Module;

    /// <inheritdoc />
    public override string Name => "SMSAcknowledge_EV";

    /// <summary>The gateway registration id from <c>RegisterInfo_ANS</c>. Verified.</summary>
    public int? GsmId { get; init; }

    /// <summary><c>Confirm</c> verified; <c>Reject</c> inferred.</summary>
    public string? Status { get; init; }

    /// <summary>The SMSC order id. Verified.</summary>
    public int? MsgId { get; init; }

    /// <summary>The error code on rejection. Verified name.</summary>
    public int? ErrorCode { get; init; }

    internal static GsmSmsAcknowledgeEvent Read(ref XctipElementReader reader)
    {
        int? gsmId = null;
        string? status = null;
        int? msgId = null;
        int? errorCode = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("GsmId"u8)) reader.Read(ref gsmId, ref unknown);
            else if (name.SequenceEqual("Status"u8)) reader.Read(ref status, ref unknown);
            else if (name.SequenceEqual("MsgId"u8)) reader.Read(ref msgId, ref unknown);
            else if (name.SequenceEqual("ErrorCode"u8)) reader.Read(ref errorCode, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            GsmId = gsmId, Status = status, MsgId = msgId, ErrorCode = errorCode, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("GsmId"u8, GsmId);
        writer.WriteElement("Status"u8, Status);
        writer.WriteElement("MsgId"u8, MsgId);
        writer.WriteElement("ErrorCode"u8, ErrorCode);
    }
}

/// <summary><c>GSM/SMSReport_EV</c>: a delivery report; acknowledge it with <c>SMSOk_REQ</c> (inferred from CTIP). Verified.</summary>
public sealed record GsmSmsReportEvent : XctipMessage
{
    /// <inheritdoc />
    public override string Module => GsmMessages.Module;

    /// <inheritdoc />
    public override string Name => "SMSReport_EV";

    /// <summary>The gateway registration id from <c>RegisterInfo_ANS</c>. Verified.</summary>
    public int? GsmId { get; init; }

    /// <summary><c>Delivered</c> verified; <c>Error</c> inferred.</summary>
    public string? Status { get; init; }

    /// <summary>The SMSC order id of the sent SMS. Verified.</summary>
    public int? MsgId { get; init; }

    /// <summary>The module memory index, used in <c>SMSOk_REQ</c>. Verified.</summary>
    public int? MemId { get; init; }

    /// <summary>The error code. Verified name.</summary>
    public int? ErrorCode { get; init; }

    /// <summary>The recipient of the sent SMS. Verified.</summary>
    public string? Number { get; init; }

    internal static GsmSmsReportEvent Read(ref XctipElementReader reader)
    {
        int? gsmId = null;
        string? status = null;
        int? msgId = null;
        int? memId = null;
        int? errorCode = null;
        string? number = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("GsmId"u8)) reader.Read(ref gsmId, ref unknown);
            else if (name.SequenceEqual("Status"u8)) reader.Read(ref status, ref unknown);
            else if (name.SequenceEqual("MsgId"u8)) reader.Read(ref msgId, ref unknown);
            else if (name.SequenceEqual("MemId"u8)) reader.Read(ref memId, ref unknown);
            else if (name.SequenceEqual("ErrorCode"u8)) reader.Read(ref errorCode, ref unknown);
            else if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            GsmId = gsmId, Status = status, MsgId = msgId, MemId = memId, ErrorCode = errorCode, Number = number,
            Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("GsmId"u8, GsmId);
        writer.WriteElement("Status"u8, Status);
        writer.WriteElement("MsgId"u8, MsgId);
        writer.WriteElement("MemId"u8, MemId);
        writer.WriteElement("ErrorCode"u8, ErrorCode);
        writer.WriteElement("Number"u8, Number);
    }
}

/// <summary><c>GSM/SMSOk_REQ</c>: acknowledge a received SMS or report so the gateway frees it. Verified.</summary>
public sealed record GsmSmsOkRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => GsmMessages.Module;

    /// <inheritdoc />
    public override string Name => "SMSOk_REQ";

    /// <summary>The gateway registration id from <c>RegisterInfo_ANS</c>. Verified.</summary>
    public int? GsmId { get; init; }

    /// <summary>The module memory index being acknowledged. Verified.</summary>
    public int? MemId { get; init; }

    internal static GsmSmsOkRequest Read(ref XctipElementReader reader)
    {
        int? cid = null;
        int? gsmId = null;
        int? memId = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("GsmId"u8)) reader.Read(ref gsmId, ref unknown);
            else if (name.SequenceEqual("MemId"u8)) reader.Read(ref memId, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            CId = cid, GsmId = gsmId, MemId = memId, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("GsmId"u8, GsmId);
        writer.WriteElement("MemId"u8, MemId);
    }
}

/// <summary><c>GSM/Unregister_REQ</c>: end a gateway registration. Verified.</summary>
public sealed record GsmUnregisterRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => GsmMessages.Module;

    /// <inheritdoc />
    public override string Name => "Unregister_REQ";

    /// <summary>The gateway registration id from <c>RegisterInfo_ANS</c>. Verified.</summary>
    public int? GsmId { get; init; }

    internal static GsmUnregisterRequest Read(ref XctipElementReader reader)
    {
        int? cid = null;
        int? gsmId = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("GsmId"u8)) reader.Read(ref gsmId, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            CId = cid, GsmId = gsmId, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("GsmId"u8, GsmId);
    }
}

/// <summary>The part of a concatenated SMS, <c>MultiPart</c>. Verified.</summary>
public sealed record GsmMultiPart : IXctipPart
{
    /// <summary>The reference shared by all parts. Verified.</summary>
    public int? RefNr { get; init; }

    /// <summary>This part's number, from 1. Verified.</summary>
    public int? Part { get; init; }

    /// <summary>The number of parts. Verified.</summary>
    public int? Total { get; init; }

    /// <summary>Elements the SDK does not model, kept in order.</summary>
    public ValueList<XctipElement> Unknown { get; init; } = ValueList<XctipElement>.Empty;

    internal static GsmMultiPart Read(ref XctipElementReader reader)
    {
        int? refNr = null;
        int? part = null;
        int? total = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("RefNr"u8)) reader.Read(ref refNr, ref unknown);
            else if (name.SequenceEqual("Part"u8)) reader.Read(ref part, ref unknown);
            else if (name.SequenceEqual("Total"u8)) reader.Read(ref total, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            RefNr = refNr, Part = part, Total = total, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    public void WriteTo(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("RefNr"u8, RefNr);
        writer.WriteElement("Part"u8, Part);
        writer.WriteElement("Total"u8, Total);
        writer.WriteElements(Unknown);
    }
}
