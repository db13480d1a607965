namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The <c>Sync</c> module: phone book, call history and message history synchronisation (verified); the Call Center callback list (modeled).</summary>
internal static class SyncMessages
{
    public const string Module = "Sync";

    public static XctipMessageDescriptor[] All { get; } =
    [
        new(Module, "Sync_REQ", typeof(SyncRequest), SyncRequest.Read),
        new(Module, "Records_ANS", typeof(SyncRecordsAnswer), SyncRecordsAnswer.Read),
        new(Module, "Records_EV", typeof(SyncRecordsEvent), SyncRecordsEvent.Read),
        new(Module, "Register_REQ", typeof(SyncRegisterRequest), SyncRegisterRequest.Read),
        new(Module, "AutoChange_REQ", typeof(SyncAutoChangeRequest), SyncAutoChangeRequest.Read),
        new(Module, "Change_EV", typeof(SyncChangeEvent), SyncChangeEvent.Read),
        new(Module, "SendChange_REQ", typeof(SyncSendChangeRequest), SyncSendChangeRequest.Read),
        new(Module, "GetPermission_REQ", typeof(SyncGetPermissionRequest), SyncGetPermissionRequest.Read),
        new(Module, "GetPermission_ANS", typeof(SyncGetPermissionAnswer), SyncGetPermissionAnswer.Read),
    ];
}

/// <summary><c>Sync/Sync_REQ</c>: fetch rows of one <see cref="SyncType"/> newer than <see cref="Marker"/>; answered by <c>Records_ANS</c>. Verified.</summary>
public sealed record SyncRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => SyncMessages.Module;

    /// <inheritdoc />
    public override string Name => "Sync_REQ";

    /// <summary>Whose data; absent for one's own. Verified. Verified clients send it empty (<c>&lt;Id&gt;&lt;/Id&gt;</c>), which is kept in <see cref="XctipMessage.Unknown"/>.</summary>
    public int? Id { get; init; }

    /// <summary>The resume point: the marker of the last row received, or <c>""</c> (written as an empty element) to sync from the beginning. Verified.</summary>
    public string? Marker { get; init; }

    /// <summary>The kind of data. Verified.</summary>
    public SyncType? SyncType { get; init; }

    /// <summary>The maximum number of rows per reply. Verified.</summary>
    public int? Limit { get; init; }

    internal static SyncRequest Read(ref XctipElementReader reader)
    {
        int? cid = null;
        int? id = null;
        string? marker = null;
        SyncType? syncType = null;
        int? limit = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Id"u8)) reader.Read(ref id, ref unknown);
            else if (name.SequenceEqual("Marker"u8)) reader.Read(ref marker, ref unknown);
            else if (name.SequenceEqual("SyncType"u8)) reader.Read(ref syncType, ref unknown);
            else if (name.SequenceEqual("Limit"u8)) reader.Read(ref limit, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            CId = cid, Id = id, Marker = marker, SyncType = syncType, Limit = limit, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Id"u8, Id);
        writer.WriteElement("Marker"u8, Marker);
        writer.WriteElement("SyncType"u8, SyncType);
        writer.WriteElement("Limit"u8, Limit);
    }
}

/// <summary><c>Sync/Records_ANS</c>: the rows answering a <c>Sync_REQ</c>; a batch ends with a <c>RowEnd</c> row. Verified.</summary>
public sealed record SyncRecordsAnswer : XctipMessage, IXctipCorrelated
{
    /// <inheritdoc />
    public override string Module => SyncMessages.Module;

    /// <inheritdoc />
    public override string Name => "Records_ANS";

    /// <summary>The correlation number of the <c>Sync_REQ</c> this answers. Verified.</summary>
    public int? CId { get; init; }

    /// <summary>Whose data (subscriber id). Verified.</summary>
    public int? Id { get; init; }

    /// <summary>The rows, in order, wire name <c>Row</c>. Verified.</summary>
    public ValueList<SyncRow> Rows { get; init; } = ValueList<SyncRow>.Empty;

    internal static SyncRecordsAnswer Read(ref XctipElementReader reader)
    {
        int? cid = null;
        int? id = null;
        var rows = new List<SyncRow>();
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Id"u8)) reader.Read(ref id, ref unknown);
            else if (name.SequenceEqual("Row"u8)) reader.Add(rows, SyncRow.Read);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            CId = cid, Id = id, Rows = rows, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Id"u8, Id);
        writer.WriteElements("Row"u8, Rows);
    }
}

/// <summary><c>Sync/Records_EV</c>: rows pushed after <c>AutoChange_REQ</c>. Verified.</summary>
public sealed record SyncRecordsEvent : XctipMessage
{
    /// <inheritdoc />
    public override string Module => SyncMessages.Module;

    /// <inheritdoc />
    public override string Name => "Records_EV";

    /// <summary>Whose data (subscriber id). Verified.</summary>
    public int? Id { get; init; }

    /// <summary>The rows, in order, wire name <c>Row</c>. Verified.</summary>
    public ValueList<SyncRow> Rows { get; init; } = ValueList<SyncRow>.Empty;

    internal static SyncRecordsEvent Read(ref XctipElementReader reader)
    {
        int? id = null;
        var rows = new List<SyncRow>();
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("Id"u8)) reader.Read(ref id, ref unknown);
            else if (name.SequenceEqual("Row"u8)) reader.Add(rows, SyncRow.Read);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            Id = id, Rows = rows, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("Id"u8, Id);
        writer.WriteElements("Row"u8, Rows);
    }
}

/// <summary><c>Sync/Register_REQ</c>: ask for a <c>Change_EV</c> whenever data of <see cref="SyncType"/> changes. Verified; meanings of SendOnline and UnreadNum inferred.</summary>
public sealed record SyncRegisterRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => SyncMessages.Module;

    /// <inheritdoc />
    public override string Name => "Register_REQ";

    /// <summary>Whose data; absent for one's own. Verified.</summary>
    public int? Id { get; init; }

    /// <summary>The kind of data. Verified.</summary>
    public SyncType? SyncType { get; init; }

    /// <summary>Send changes online (inferred). Verified name.</summary>
    public bool? SendOnline { get; init; }

    /// <summary>Report unread counts (inferred). Verified name.</summary>
    public bool? UnreadNum { get; init; }

    internal static SyncRegisterRequest Read(ref XctipElementReader reader)
    {
        int? cid = null;
        int? id = null;
        SyncType? syncType = null;
        bool? sendOnline = null;
        bool? unreadNum = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Id"u8)) reader.Read(ref id, ref unknown);
            else if (name.SequenceEqual("SyncType"u8)) reader.Read(ref syncType, ref unknown);
            else if (name.SequenceEqual("SendOnline"u8)) reader.Read(ref sendOnline, ref unknown);
            else if (name.SequenceEqual("UnreadNum"u8)) reader.Read(ref unreadNum, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            CId = cid, Id = id, SyncType = syncType, SendOnline = sendOnline, UnreadNum = unreadNum,
            Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Id"u8, Id);
        writer.WriteElement("SyncType"u8, SyncType);
        writer.WriteElement("SendOnline"u8, SendOnline);
        writer.WriteElement("UnreadNum"u8, UnreadNum);
    }
}

/// <summary><c>Sync/AutoChange_REQ</c>: push new rows of <see cref="SyncType"/> as <c>Records_EV</c> (meaning inferred). Verified.</summary>
public sealed record SyncAutoChangeRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => SyncMessages.Module;

    /// <inheritdoc />
    public override string Name => "AutoChange_REQ";

    /// <summary>The kind of data. Verified.</summary>
    public SyncType? SyncType { get; init; }

    internal static SyncAutoChangeRequest Read(ref XctipElementReader reader)
    {
        int? cid = null;
        SyncType? syncType = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("SyncType"u8)) reader.Read(ref syncType, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            CId = cid, SyncType = syncType, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("SyncType"u8, SyncType);
    }
}

/// <summary><c>Sync/Change_EV</c>: data of <see cref="SyncType"/> changed; send <c>Sync_REQ</c> with the last marker. Verified (meaning inferred).</summary>
public sealed record SyncChangeEvent : XctipMessage
{
    /// <inheritdoc />
    public override string Module => SyncMessages.Module;

    /// <inheritdoc />
    public override string Name => "Change_EV";

    /// <summary>A correlation number; not expected in events. Verified name.</summary>
    public int? CId { get; init; }

    /// <summary>Whose data (subscriber id). Verified.</summary>
    public int? Id { get; init; }

    /// <summary>The kind of data. Verified.</summary>
    public SyncType? SyncType { get; init; }

    internal static SyncChangeEvent Read(ref XctipElementReader reader)
    {
        int? cid = null;
        int? id = null;
        SyncType? syncType = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Id"u8)) reader.Read(ref id, ref unknown);
            else if (name.SequenceEqual("SyncType"u8)) reader.Read(ref syncType, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            CId = cid, Id = id, SyncType = syncType, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Id"u8, Id);
        writer.WriteElement("SyncType"u8, SyncType);
    }
}

/// <summary><c>Sync/SendChange_REQ</c>: client-side edits (e.g. <c>AddRow</c> Contact/Group, <c>DelRow</c>, <c>AddField</c>). Verified; the reply (<c>Answer</c>) is inferred.</summary>
public sealed record SyncSendChangeRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => SyncMessages.Module;

    /// <inheritdoc />
    public override string Name => "SendChange_REQ";

    /// <summary>Whose data; absent for one's own. Verified.</summary>
    public int? Id { get; init; }

    /// <summary>The rows, in order, wire name <c>Row</c>. Verified.</summary>
    public ValueList<SyncRow> Rows { get; init; } = ValueList<SyncRow>.Empty;

    internal static SyncSendChangeRequest Read(ref XctipElementReader reader)
    {
        int? cid = null;
        int? id = null;
        var rows = new List<SyncRow>();
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Id"u8)) reader.Read(ref id, ref unknown);
            else if (name.SequenceEqual("Row"u8)) reader.Add(rows, SyncRow.Read);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            CId = cid, Id = id, Rows = rows, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Id"u8, Id);
        writer.WriteElements("Row"u8, Rows);
    }
}

/// <summary><c>Sync/GetPermission_REQ</c>: ask for the phone-book privileges. Verified as written in client code; the reply <c>GetPermission_ANS</c> is modeled.</summary>
public sealed record SyncGetPermissionRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => SyncMessages.Module;

    /// <inheritdoc />
    public override string Name => "GetPermission_REQ";

    /// <summary>Whose privileges (subscriber id). Verified.</summary>
    public int? Id { get; init; }

    internal static SyncGetPermissionRequest Read(ref XctipElementReader reader)
    {
        int? cid = null;
        int? id = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Id"u8)) reader.Read(ref id, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            CId = cid, Id = id, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Id"u8, Id);
    }
}

/// <summary><c>Sync/GetPermission_ANS</c>: the phone-book privileges. Modeled (docs/protocol.md 5.11).</summary>
public sealed record SyncGetPermissionAnswer : XctipMessage, IXctipCorrelated
{
    /// <inheritdoc />
    public override string Module => SyncMessages.Module;

    /// <inheritdoc />
    public override string Name => "GetPermission_ANS";

    /// <summary>The correlation number of the <c>GetPermission_REQ</c> this answers. Modeled.</summary>
    public int? CId { get; init; }

    /// <summary>Whose privileges (subscriber id). Modeled.</summary>
    public int? Id { get; init; }

    /// <summary>May add, change or delete contacts with <c>SendChange_REQ</c>. Modeled.</summary>
    public bool? EditBook { get; init; }

    /// <summary>May add, change or delete groups. Modeled.</summary>
    public bool? EditGroups { get; init; }

    internal static SyncGetPermissionAnswer Read(ref XctipElementReader reader)
    {
        int? cid = null;
        int? id = null;
        bool? editBook = null;
        bool? editGroups = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Id"u8)) reader.Read(ref id, ref unknown);
            else if (name.SequenceEqual("EditBook"u8)) reader.Read(ref editBook, ref unknown);
            else if (name.SequenceEqual("EditGroups"u8)) reader.Read(ref editGroups, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            CId = cid, Id = id, EditBook = editBook, EditGroups = editGroups, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Id"u8, Id);
        writer.WriteElement("EditBook"u8, EditBook);
        writer.WriteElement("EditGroups"u8, EditGroups);
    }
}

/// <summary>A Sync <c>Row</c>: <c>Marker</c>, <c>RowType</c>, <c>SyncType</c>, <c>Cause*</c>, then at most one payload. <c>RowEnd</c> and <c>DelAll</c> rows carry none. Verified (the <see cref="Callback"/> payload is modeled).</summary>
public sealed record SyncRow : IXctipPart
{
    /// <summary>The row's marker, a 32-character opaque resume token. Verified.</summary>
    public string? Marker { get; init; }

    /// <summary>What the row does. Verified.</summary>
    public RowType? RowType { get; init; }

    /// <summary>The kind of data. Verified.</summary>
    public SyncType? SyncType { get; init; }

    /// <summary>Why a <c>DelAll</c> row was sent, wire name <c>Cause</c> (repeatable). Verified.</summary>
    public ValueList<SyncCause> Causes { get; init; } = ValueList<SyncCause>.Empty;

    /// <summary>A phone-book group payload (SyncType <c>Book</c>). Verified.</summary>
    public BookGroup? Group { get; init; }

    /// <summary>A phone-book contact payload (SyncType <c>Book</c>). Verified.</summary>
    public BookContact? Contact { get; init; }

    /// <summary>A call history payload (SyncType <c>HistoryCall</c>). Verified.</summary>
    public HistoryCallRecord? HistoryCall { get; init; }

    /// <summary>A message history payload (SyncType <c>HistoryMsg</c>). Verified.</summary>
    public HistoryMsgRecord? HistoryMsg { get; init; }

    /// <summary>A Call Center callback payload (SyncType <c>CCCallback</c>). Modeled (docs/protocol.md 5.5).</summary>
    public CallbackRecord? Callback { get; init; }

    /// <summary>Elements the SDK does not model, kept in order.</summary>
    public ValueList<XctipElement> Unknown { get; init; } = ValueList<XctipElement>.Empty;

    internal static SyncRow Read(ref XctipElementReader reader)
    {
        string? marker = null;
        RowType? rowType = null;
        SyncType? syncType = null;
        var causes = new List<SyncCause>();
        BookGroup? group = null;
        BookContact? contact = null;
        HistoryCallRecord? historyCall = null;
        HistoryMsgRecord? historyMsg = null;
        CallbackRecord? callback = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("Marker"u8)) reader.Read(ref marker, ref unknown);
            else if (name.SequenceEqual("RowType"u8)) reader.Read(ref rowType, ref unknown);
            else if (name.SequenceEqual("SyncType"u8)) reader.Read(ref syncType, ref unknown);
            else if (name.SequenceEqual("Cause"u8))
            {
                SyncCause? item = null;
                reader.Read(ref item, ref unknown);
                if (item is { } value)
                {
                    causes.Add(value);
                }
            }
            else if (name.SequenceEqual("Group"u8)) reader.Read(ref group, BookGroup.Read, ref unknown);
            else if (name.SequenceEqual("Contact"u8)) reader.Read(ref contact, BookContact.Read, ref unknown);
            else if (name.SequenceEqual("HistoryCall"u8)) reader.Read(ref historyCall, HistoryCallRecord.Read, ref unknown);
            else if (name.SequenceEqual("HistoryMsg"u8)) reader.Read(ref historyMsg, HistoryMsgRecord.Read, ref unknown);
            else if (name.SequenceEqual("Callback"u8)) reader.Read(ref callback, CallbackRecord.Read, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            Marker = marker, RowType = rowType, SyncType = syncType, Causes = causes, Group = group,
            Contact = contact, HistoryCall = historyCall, HistoryMsg = historyMsg, Callback = callback,
            Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    public void WriteTo(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("Marker"u8, Marker);
        writer.WriteElement("RowType"u8, RowType);
        writer.WriteElement("SyncType"u8, SyncType);
        foreach (var item in Causes)
        {
            writer.WriteElement("Cause"u8, (SyncCause?)item);
        }
        writer.WriteElement("Group"u8, Group);
        writer.WriteElement("Contact"u8, Contact);
        writer.WriteElement("HistoryCall"u8, HistoryCall);
        writer.WriteElement("HistoryMsg"u8, HistoryMsg);
        writer.WriteElement("Callback"u8, Callback);
        writer.WriteElements(Unknown);
    }
}

/// <summary>A phone-book <c>Group</c> (SyncType <c>Book</c>). Verified.</summary>
public sealed record BookGroup : IXctipPart
{
    /// <summary>The group id, assigned by the PBX. Verified.</summary>
    public int? GroupId { get; init; }

    /// <summary>The group name. Verified.</summary>
    public string? Name { get; init; }

    /// <summary>Whether the group is a favourite. Verified.</summary>
    public bool? Favourite { get; init; }

    /// <summary>Whether the group is private. Verified.</summary>
    public bool? Private { get; init; }

    /// <summary>Whether the group is a department. Verified.</summary>
    public bool? Department { get; init; }

    /// <summary>Elements the SDK does not model, kept in order.</summary>
    public ValueList<XctipElement> Unknown { get; init; } = ValueList<XctipElement>.Empty;

    internal static BookGroup Read(ref XctipElementReader reader)
    {
        int? groupId = null;
        string? nameValue = null;
        bool? favourite = null;
        bool? privateValue = null;
        bool? department = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("GroupId"u8)) reader.Read(ref groupId, ref unknown);
            else if (name.SequenceEqual("Name"u8)) reader.Read(ref nameValue, ref unknown);
            else if (name.SequenceEqual("Favourite"u8)) reader.Read(ref favourite, ref unknown);
            else if (name.SequenceEqual("Private"u8)) reader.Read(ref privateValue, ref unknown);
            else if (name.SequenceEqual("Department"u8)) reader.Read(ref department, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            GroupId = groupId, Name = nameValue, Favourite = favourite, Private = privateValue,
            Department = department, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    public void WriteTo(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("GroupId"u8, GroupId);
        writer.WriteElement("Name"u8, Name);
        writer.WriteElement("Favourite"u8, Favourite);
        writer.WriteElement("Private"u8, Private);
        writer.WriteElement("Department"u8, Department);
        writer.WriteElements(Unknown);
    }
}

/// <summary>A phone-book <c>Contact</c> (SyncType <c>Book</c>). Verified.</summary>
public sealed record BookContact : IXctipPart
{
    /// <summary>The contact id. Verified.</summary>
    public int? ContactId { get; init; }

    /// <summary>The contact name. Verified.</summary>
    public string? Name { get; init; }

    /// <summary>The extension number, e.g. <c>122</c>. Verified.</summary>
    public string? ExtNo { get; init; }

    /// <summary>The subscriber id of that extension, e.g. <c>1022</c>; joins with Status <c>Id</c>. Verified.</summary>
    public int? IdExtNo { get; init; }

    /// <summary>Whether the contact is a favourite. Verified.</summary>
    public bool? Favourite { get; init; }

    /// <summary>Whether the contact is private. Verified.</summary>
    public bool? Private { get; init; }

    /// <summary>The contact kind; <c>Subscriber</c> verified, others unknown.</summary>
    public string? Type { get; init; }

    /// <summary>The <see cref="BookPhone.PhoneId"/> of the default phone. Verified.</summary>
    public int? DefaultPhoneId { get; init; }

    /// <summary>The phones, wire name <c>Phone</c> (repeatable). Verified.</summary>
    public ValueList<BookPhone> Phones { get; init; } = ValueList<BookPhone>.Empty;

    /// <summary>The groups the contact belongs to, wire name <c>GroupId</c> (repeatable). Verified.</summary>
    public ValueList<int> GroupIds { get; init; } = ValueList<int>.Empty;

    /// <summary>Free text, e.g. an address. Verified.</summary>
    public string? Info { get; init; }

    /// <summary>A messenger address. Verified.</summary>
    public string? IM { get; init; }

    /// <summary>Elements the SDK does not model, kept in order.</summary>
    public ValueList<XctipElement> Unknown { get; init; } = ValueList<XctipElement>.Empty;

    internal static BookContact Read(ref XctipElementReader reader)
    {
        int? contactId = null;
        string? nameValue = null;
        string? extNo = null;
        int? idExtNo = null;
        bool? favourite = null;
        bool? privateValue = null;
        string? type = null;
        int? defaultPhoneId = null;
        var phones = new List<BookPhone>();
        var groupIds = new List<int>();
        string? info = null;
        string? im = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("ContactId"u8)) reader.Read(ref contactId, ref unknown);
            else if (name.SequenceEqual("Name"u8)) reader.Read(ref nameValue, ref unknown);
            else if (name.SequenceEqual("ExtNo"u8)) reader.Read(ref extNo, ref unknown);
            else if (name.SequenceEqual("IdExtNo"u8)) reader.Read(ref idExtNo, ref unknown);
            else if (name.SequenceEqual("Favourite"u8)) reader.Read(ref favourite, ref unknown);
            else if (name.SequenceEqual("Private"u8)) reader.Read(ref privateValue, ref unknown);
            else if (name.SequenceEqual("Type"u8)) reader.Read(ref type, ref unknown);
            else if (name.SequenceEqual("DefaultPhoneId"u8)) reader.Read(ref defaultPhoneId, ref unknown);
            else if (name.SequenceEqual("Phone"u8)) reader.Add(phones, BookPhone.Read);
            else if (name.SequenceEqual("GroupId"u8)) reader.Add(groupIds, ref unknown);
            else if (name.SequenceEqual("Info"u8)) reader.Read(ref info, ref unknown);
            else if (name.SequenceEqual("IM"u8)) reader.Read(ref im, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            ContactId = contactId, Name = nameValue, ExtNo = extNo, IdExtNo = idExtNo, Favourite = favourite,
            Private = privateValue, Type = type, DefaultPhoneId = defaultPhoneId, Phones = phones,
            GroupIds = groupIds, Info = info, IM = im, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    public void WriteTo(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("ContactId"u8, ContactId);
        writer.WriteElement("Name"u8, Name);
        writer.WriteElement("ExtNo"u8, ExtNo);
        writer.WriteElement("IdExtNo"u8, IdExtNo);
        writer.WriteElement("Favourite"u8, Favourite);
        writer.WriteElement("Private"u8, Private);
        writer.WriteElement("Type"u8, Type);
        writer.WriteElement("DefaultPhoneId"u8, DefaultPhoneId);
        writer.WriteElements("Phone"u8, Phones);
        writer.WriteElements("GroupId"u8, GroupIds);
        writer.WriteElement("Info"u8, Info);
        writer.WriteElement("IM"u8, IM);
        writer.WriteElements(Unknown);
    }
}

/// <summary>A contact's <c>Phone</c>. Verified.</summary>
public sealed record BookPhone : IXctipPart
{
    /// <summary>The phone id. Verified.</summary>
    public int? PhoneId { get; init; }

    /// <summary>The number. Verified.</summary>
    public string? Number { get; init; }

    /// <summary>A label such as <c>Dom</c> or <c>Komórka</c>. Verified.</summary>
    public string? Comment { get; init; }

    /// <summary>Whether the number can receive SMS. Verified.</summary>
    public bool? CanSMS { get; init; }

    /// <summary>The label kind, e.g. <c>Main</c>. Verified only client to PBX.</summary>
    public string? CmtType { get; init; }

    /// <summary>Whether this is the default number. Verified only client to PBX.</summary>
    public bool? DefaultNo { get; init; }

    /// <summary>Elements the SDK does not model, kept in order.</summary>
    public ValueList<XctipElement> Unknown { get; init; } = ValueList<XctipElement>.Empty;

    internal static BookPhone Read(ref XctipElementReader reader)
    {
        int? phoneId = null;
        string? number = null;
        string? comment = null;
        bool? canSMS = null;
        string? cmtType = null;
        bool? defaultNo = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("PhoneId"u8)) reader.Read(ref phoneId, ref unknown);
            else if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else if (name.SequenceEqual("Comment"u8)) reader.Read(ref comment, ref unknown);
            else if (name.SequenceEqual("CanSMS"u8)) reader.Read(ref canSMS, ref unknown);
            else if (name.SequenceEqual("CmtType"u8)) reader.Read(ref cmtType, ref unknown);
            else if (name.SequenceEqual("DefaultNo"u8)) reader.Read(ref defaultNo, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            PhoneId = phoneId, Number = number, Comment = comment, CanSMS = canSMS, CmtType = cmtType,
            DefaultNo = defaultNo, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    public void WriteTo(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("PhoneId"u8, PhoneId);
        writer.WriteElement("Number"u8, Number);
        writer.WriteElement("Comment"u8, Comment);
        writer.WriteElement("CanSMS"u8, CanSMS);
        writer.WriteElement("CmtType"u8, CmtType);
        writer.WriteElement("DefaultNo"u8, DefaultNo);
        writer.WriteElements(Unknown);
    }
}

/// <summary>A call history record, <c>HistoryCall</c> (SyncType <c>HistoryCall</c>). Field names verified; semantics inferred from real rows.</summary>
public sealed record HistoryCallRecord : IXctipPart
{
    /// <summary>The record id. Verified.</summary>
    public int? HId { get; init; }

    /// <summary>When the call started; moves forward on an <c>Update</c> of a missed call. Verified.</summary>
    public DateTime? StartTime { get; init; }

    /// <summary>The direction and outcome. Verified.</summary>
    public HistoryCallType? HType { get; init; }

    /// <summary>The remote number. Verified.</summary>
    public string? CNumber { get; init; }

    /// <summary>The remote name (<c>Abonent 206</c> for extensions). Verified.</summary>
    public string? CName { get; init; }

    /// <summary>The number kind; <c>National</c> verified, others unknown.</summary>
    public string? CType { get; init; }

    /// <summary>The number the caller dialled (own DDI or extension); absent on <c>OutCall</c>. Verified.</summary>
    public string? DialNumber { get; init; }

    /// <summary>Seconds: talk time, or ring time for missed calls. Verified name; meaning inferred.</summary>
    public int? DurationTime { get; init; }

    /// <summary>Whether the record is unread. Verified.</summary>
    public bool? Unread { get; init; }

    /// <summary>Repeated attempts folded into this record. Verified name; meaning inferred.</summary>
    public int? Attempts { get; init; }

    /// <summary>Elements the SDK does not model, kept in order.</summary>
    public ValueList<XctipElement> Unknown { get; init; } = ValueList<XctipElement>.Empty;

    internal static HistoryCallRecord Read(ref XctipElementReader reader)
    {
        int? hId = null;
        DateTime? startTime = null;
        HistoryCallType? hType = null;
        string? cNumber = null;
        string? cName = null;
        string? cType = null;
        string? dialNumber = null;
        int? durationTime = null;
        bool? unread = null;
        int? attempts = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("HId"u8)) reader.Read(ref hId, ref unknown);
            else if (name.SequenceEqual("StartTime"u8)) reader.Read(ref startTime, ref unknown);
            else if (name.SequenceEqual("HType"u8)) reader.Read(ref hType, ref unknown);
            else if (name.SequenceEqual("CNumber"u8)) reader.Read(ref cNumber, ref unknown);
            else if (name.SequenceEqual("CName"u8)) reader.Read(ref cName, ref unknown);
            else if (name.SequenceEqual("CType"u8)) reader.Read(ref cType, ref unknown);
            else if (name.SequenceEqual("DialNumber"u8)) reader.Read(ref dialNumber, ref unknown);
            else if (name.SequenceEqual("DurationTime"u8)) reader.Read(ref durationTime, ref unknown);
            else if (name.SequenceEqual("Unread"u8)) reader.Read(ref unread, ref unknown);
            else if (name.SequenceEqual("Attempts"u8)) reader.Read(ref attempts, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            HId = hId, StartTime = startTime, HType = hType, CNumber = cNumber, CName = cName, CType = cType,
            DialNumber = dialNumber, DurationTime = durationTime, Unread = unread, Attempts = attempts,
            Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    public void WriteTo(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("HId"u8, HId);
        writer.WriteElement("StartTime"u8, StartTime);
        writer.WriteElement("HType"u8, HType);
        writer.WriteElement("CNumber"u8, CNumber);
        writer.WriteElement("CName"u8, CName);
        writer.WriteElement("CType"u8, CType);
        writer.WriteElement("DialNumber"u8, DialNumber);
        writer.WriteElement("DurationTime"u8, DurationTime);
        writer.WriteElement("Unread"u8, Unread);
        writer.WriteElement("Attempts"u8, Attempts);
        writer.WriteElements(Unknown);
    }
}

/// <summary>A message history record, <c>HistoryMsg</c> (SyncType <c>HistoryMsg</c>). Field names verified; value sets unknown.</summary>
public sealed record HistoryMsgRecord : IXctipPart
{
    /// <summary>The message record id. Verified.</summary>
    public int? MId { get; init; }

    /// <summary>When the message was sent or received. Verified.</summary>
    public DateTime? Date { get; init; }

    /// <summary>Direction or kind; values unknown. Verified name.</summary>
    public string? Type { get; init; }

    /// <summary>Whether the message is unread. Verified.</summary>
    public bool? Unread { get; init; }

    /// <summary>When the peer read it. Verified name.</summary>
    public DateTime? ReadDate { get; init; }

    /// <summary>The message id. Verified name.</summary>
    public int? SMSId { get; init; }

    /// <summary>The peer. Verified.</summary>
    public string? Number { get; init; }

    /// <summary>The message text. Verified.</summary>
    public string? Text { get; init; }

    /// <summary>The sender's <c>UserData</c> echo. Verified.</summary>
    public string? UData { get; init; }

    /// <summary>Delivery status; values unknown. Verified name.</summary>
    public string? Status { get; init; }

    /// <summary>When the status was set. Verified name.</summary>
    public DateTime? StatusDate { get; init; }

    /// <summary>Delivery report; values unknown (token or flag). Verified name.</summary>
    public string? Report { get; init; }

    /// <summary>When the report came. Verified name.</summary>
    public DateTime? ReportDate { get; init; }

    /// <summary>The message kind (chat, announcement, conference…): inferred, values unknown. Verified name.</summary>
    public string? TypeMsg { get; init; }

    /// <summary>Whether it was displayed to the peer (inferred). Verified name.</summary>
    public bool? Displayed { get; init; }

    /// <summary>When it was displayed. Verified name.</summary>
    public DateTime? DisplayedDate { get; init; }

    /// <summary>Elements the SDK does not model, kept in order.</summary>
    public ValueList<XctipElement> Unknown { get; init; } = ValueList<XctipElement>.Empty;

    internal static HistoryMsgRecord Read(ref XctipElementReader reader)
    {
        int? mId = null;
        DateTime? date = null;
        string? type = null;
        bool? unread = null;
        DateTime? readDate = null;
        int? smsId = null;
        string? number = null;
        string? text = null;
        string? uData = null;
        string? status = null;
        DateTime? statusDate = null;
        string? report = null;
        DateTime? reportDate = null;
        string? typeMsg = null;
        bool? displayed = null;
        DateTime? displayedDate = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("MId"u8)) reader.Read(ref mId, ref unknown);
            else if (name.SequenceEqual("Date"u8)) reader.Read(ref date, ref unknown);
            else if (name.SequenceEqual("Type"u8)) reader.Read(ref type, ref unknown);
            else if (name.SequenceEqual("Unread"u8)) reader.Read(ref unread, ref unknown);
            else if (name.SequenceEqual("ReadDate"u8)) reader.Read(ref readDate, ref unknown);
            else if (name.SequenceEqual("SMSId"u8)) reader.Read(ref smsId, ref unknown);
            else if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else if (name.SequenceEqual("Text"u8)) reader.Read(ref text, ref unknown);
            else if (name.SequenceEqual("UData"u8)) reader.Read(ref uData, ref unknown);
            else if (name.SequenceEqual("Status"u8)) reader.Read(ref status, ref unknown);
            else if (name.SequenceEqual("StatusDate"u8)) reader.Read(ref statusDate, ref unknown);
            else if (name.SequenceEqual("Report"u8)) reader.Read(ref report, ref unknown);
            else if (name.SequenceEqual("ReportDate"u8)) reader.Read(ref reportDate, ref unknown);
            else if (name.SequenceEqual("TypeMsg"u8)) reader.Read(ref typeMsg, ref unknown);
            else if (name.SequenceEqual("Displayed"u8)) reader.Read(ref displayed, ref unknown);
            else if (name.SequenceEqual("DisplayedDate"u8)) reader.Read(ref displayedDate, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            MId = mId, Date = date, Type = type, Unread = unread, ReadDate = readDate, SMSId = smsId, Number = number,
            Text = text, UData = uData, Status = status, StatusDate = statusDate, Report = report,
            ReportDate = reportDate, TypeMsg = typeMsg, Displayed = displayed, DisplayedDate = displayedDate,
            Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    public void WriteTo(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("MId"u8, MId);
        writer.WriteElement("Date"u8, Date);
        writer.WriteElement("Type"u8, Type);
        writer.WriteElement("Unread"u8, Unread);
        writer.WriteElement("ReadDate"u8, ReadDate);
        writer.WriteElement("SMSId"u8, SMSId);
        writer.WriteElement("Number"u8, Number);
        writer.WriteElement("Text"u8, Text);
        writer.WriteElement("UData"u8, UData);
        writer.WriteElement("Status"u8, Status);
        writer.WriteElement("StatusDate"u8, StatusDate);
        writer.WriteElement("Report"u8, Report);
        writer.WriteElement("ReportDate"u8, ReportDate);
        writer.WriteElement("TypeMsg"u8, TypeMsg);
        writer.WriteElement("Displayed"u8, Displayed);
        writer.WriteElement("DisplayedDate"u8, DisplayedDate);
        writer.WriteElements(Unknown);
    }
}

/// <summary>A Call Center callback list entry, <c>Callback</c> (SyncType <c>CCCallback</c>). Modeled (docs/protocol.md 5.5).</summary>
public sealed record CallbackRecord : IXctipPart
{
    /// <summary>The callback id. Modeled.</summary>
    public int? CbId { get; init; }

    /// <summary>The queue the call was lost from. Modeled.</summary>
    public int? QueueId { get; init; }

    /// <summary>The number to call back. Modeled.</summary>
    public string? Number { get; init; }

    /// <summary>The caller's name, if known. Modeled.</summary>
    public string? Name { get; init; }

    /// <summary>When the call was lost. Modeled.</summary>
    public DateTime? Time { get; init; }

    /// <summary>Callback attempts so far. Modeled.</summary>
    public int? Attempts { get; init; }

    /// <summary><c>Waiting</c>, <c>Done</c> or <c>Failed</c>. Modeled.</summary>
    public string? State { get; init; }

    /// <summary>Elements the SDK does not model, kept in order.</summary>
    public ValueList<XctipElement> Unknown { get; init; } = ValueList<XctipElement>.Empty;

    internal static CallbackRecord Read(ref XctipElementReader reader)
    {
        int? cbId = null;
        int? queueId = null;
        string? number = null;
        string? nameValue = null;
        DateTime? time = null;
        int? attempts = null;
        string? state = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CbId"u8)) reader.Read(ref cbId, ref unknown);
            else if (name.SequenceEqual("QueueId"u8)) reader.Read(ref queueId, ref unknown);
            else if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else if (name.SequenceEqual("Name"u8)) reader.Read(ref nameValue, ref unknown);
            else if (name.SequenceEqual("Time"u8)) reader.Read(ref time, ref unknown);
            else if (name.SequenceEqual("Attempts"u8)) reader.Read(ref attempts, ref unknown);
            else if (name.SequenceEqual("State"u8)) reader.Read(ref state, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            CbId = cbId, QueueId = queueId, Number = number, Name = nameValue, Time = time, Attempts = attempts,
            State = state, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    public void WriteTo(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CbId"u8, CbId);
        writer.WriteElement("QueueId"u8, QueueId);
        writer.WriteElement("Number"u8, Number);
        writer.WriteElement("Name"u8, Name);
        writer.WriteElement("Time"u8, Time);
        writer.WriteElement("Attempts"u8, Attempts);
        writer.WriteElement("State"u8, State);
        writer.WriteElements(Unknown);
    }
}
