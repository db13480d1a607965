using System.Text;

namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The <c>Calls</c> module: call monitoring (verified) and call control (modeled, see <c>CallControlMessages</c>).</summary>
internal static partial class CallsMessages
{
    public const string Module = "Calls";

    public static XctipMessageDescriptor[] All { get; } =
    [
        new(Module, "Register_REQ", typeof(CallsRegisterRequest), CallsRegisterRequest.Read),
        new(Module, "Change_EV", typeof(CallsChangeEvent), CallsChangeEvent.Read),
    ];
}

/// <summary>
/// <c>Calls/Register_REQ</c>: subscribe to call events. The plain form monitors one's own calls; the
/// <see cref="Id"/>/<see cref="Pass"/> form is seen in client code (its meaning is inferred). Verified.
/// </summary>
public sealed record CallsRegisterRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => CallsMessages.Module;

    /// <inheritdoc />
    public override string Name => "Register_REQ";

    /// <summary>The subscriber id to monitor (inferred).</summary>
    public int? Id { get; init; }

    /// <summary>That subscriber's CTI password. Never printed by <see cref="object.ToString"/>.</summary>
    public string? Pass { get; init; }

    internal static CallsRegisterRequest Read(ref XctipElementReader reader)
    {
        int? cid = null, id = null;
        string? pass = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Id"u8)) reader.Read(ref id, ref unknown);
            else if (name.SequenceEqual("Pass"u8)) reader.Read(ref pass, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, Id = id, Pass = pass, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Id"u8, Id);
        writer.WriteElement("Pass"u8, Pass);
    }

    /// <summary>Prints the members with the password redacted.</summary>
    protected override bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("CId = ").Append(CId).Append(", Id = ").Append(Id).Append(", Pass = ").Append(Pass is null ? "" : "***");
        return true;
    }
}

/// <summary>
/// <c>Calls/Change_EV</c>: a call changed state. <see cref="CR"/> identifies the call across its events
/// (<c>NewCall_ST</c> → <c>Connect_ST</c> → <c>Disconnect_ST</c> → <c>Release_ST</c>). Verified.
/// </summary>
public sealed record CallsChangeEvent : XctipMessage
{
    /// <inheritdoc />
    public override string Module => CallsMessages.Module;

    /// <inheritdoc />
    public override string Name => "Change_EV";

    /// <summary>Source subscriber id; equals the monitoring subscriber in every sample. Verified name.</summary>
    public int? Src_Id { get; init; }

    /// <summary>Destination subscriber id. Verified name.</summary>
    public int? Dst_Id { get; init; }

    /// <summary>The call's new state. Verified.</summary>
    public CallsState? CallsState { get; init; }

    /// <summary>The call reference, stable across the call's events. Verified.</summary>
    public int? CR { get; init; }

    /// <summary>The calling party. Verified.</summary>
    public CallParty? Calling { get; init; }

    /// <summary>The called party. Verified.</summary>
    public CallParty? Called { get; init; }

    /// <summary>The connected party (COLP). Verified.</summary>
    public CallParty? Colp { get; init; }

    /// <summary>Why the call ended, on <c>Release_ST</c>. Verified (<c>call_intercepted</c>).</summary>
    public ReleaseCause? RelCause { get; init; }

    internal static CallsChangeEvent Read(ref XctipElementReader reader)
    {
        int? src = null, dst = null, cr = null;
        CallsState? state = null;
        CallParty? calling = null, called = null, colp = null;
        ReleaseCause? cause = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("Src_Id"u8)) reader.Read(ref src, ref unknown);
            else if (name.SequenceEqual("Dst_Id"u8)) reader.Read(ref dst, ref unknown);
            else if (name.SequenceEqual("CallsState"u8)) reader.Read(ref state, ref unknown);
            else if (name.SequenceEqual("CR"u8)) reader.Read(ref cr, ref unknown);
            else if (name.SequenceEqual("Calling"u8)) reader.Read(ref calling, CallParty.Read, ref unknown);
            else if (name.SequenceEqual("Called"u8)) reader.Read(ref called, CallParty.Read, ref unknown);
            else if (name.SequenceEqual("Colp"u8)) reader.Read(ref colp, CallParty.Read, ref unknown);
            else if (name.SequenceEqual("RelCause"u8)) reader.Read(ref cause, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            Src_Id = src, Dst_Id = dst, CallsState = state, CR = cr, Calling = calling, Called = called, Colp = colp,
            RelCause = cause, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("Src_Id"u8, Src_Id);
        writer.WriteElement("Dst_Id"u8, Dst_Id);
        writer.WriteElement("CallsState"u8, CallsState);
        writer.WriteElement("CR"u8, CR);
        writer.WriteElement("Calling"u8, Calling);
        writer.WriteElement("Called"u8, Called);
        writer.WriteElement("Colp"u8, Colp);
        writer.WriteElement("RelCause"u8, RelCause);
    }
}

/// <summary>A party of a call: <c>Calling</c>, <c>Called</c> or <c>Colp</c>. Verified.</summary>
public sealed record CallParty : IXctipPart
{
    /// <summary>The number; <c>0</c> means unknown or withheld, external numbers carry the trunk prefix. Verified.</summary>
    public string? Number { get; init; }

    /// <summary>A name or label, e.g. the matched contact. Verified.</summary>
    public string? Comment { get; init; }

    /// <summary>The terminal kind, e.g. <c>SuboIP</c>. Verified.</summary>
    public string? TerminalType { get; init; }

    /// <summary>The phone-book group of the matched contact (inferred). Verified name.</summary>
    public string? Group { get; init; }

    /// <summary>A number classifier, e.g. <c>GSM</c>. Verified.</summary>
    public string? AreaCode { get; init; }

    /// <summary>Elements the SDK does not model, kept in order.</summary>
    public ValueList<XctipElement> Unknown { get; init; } = ValueList<XctipElement>.Empty;

    internal static CallParty Read(ref XctipElementReader reader)
    {
        string? number = null, comment = null, terminal = null, group = null, area = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else if (name.SequenceEqual("Comment"u8)) reader.Read(ref comment, ref unknown);
            else if (name.SequenceEqual("TerminalType"u8)) reader.Read(ref terminal, ref unknown);
            else if (name.SequenceEqual("Group"u8)) reader.Read(ref group, ref unknown);
            else if (name.SequenceEqual("AreaCode"u8)) reader.Read(ref area, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { Number = number, Comment = comment, TerminalType = terminal, Group = group, AreaCode = area, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    public void WriteTo(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("Number"u8, Number);
        writer.WriteElement("Comment"u8, Comment);
        writer.WriteElement("TerminalType"u8, TerminalType);
        writer.WriteElement("Group"u8, Group);
        writer.WriteElement("AreaCode"u8, AreaCode);
        writer.WriteElements(Unknown);
    }
}
