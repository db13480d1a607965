namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The <c>Conf</c> module: text conferences (docs/protocol.md 5.7). Modeled.</summary>
internal static class ConferenceMessages
{
    public const string Module = "Conf";

    public static XctipMessageDescriptor[] All { get; } =
    [
        new(Module, "Create_REQ", typeof(ConferenceCreateRequest), ConferenceCreateRequest.Read),
        new(Module, "Conf_ANS", typeof(ConferenceAnswer), ConferenceAnswer.Read),
        new(Module, "Edit_REQ", typeof(ConferenceEditRequest), ConferenceEditRequest.Read),
        new(Module, "Leave_REQ", typeof(ConferenceLeaveRequest), ConferenceLeaveRequest.Read),
        new(Module, "Change_EV", typeof(ConferenceChangeEvent), ConferenceChangeEvent.Read),
    ];
}

/// <summary>
/// <c>Conf/Create_REQ</c>: create a text conference; answered by <c>Conf_ANS</c>. Modeled (docs/protocol.md 5.7).
/// </summary>
public sealed record ConferenceCreateRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => ConferenceMessages.Module;

    /// <inheritdoc />
    public override string Name => "Create_REQ";

    /// <summary>The conference name (element <c>Name</c>). Modeled.</summary>
    public string? ConferenceName { get; init; }

    /// <summary>The members' extension numbers, one <c>Member</c> element each. Modeled.</summary>
    public ValueList<string> Member { get; init; } = ValueList<string>.Empty;

    internal static ConferenceCreateRequest Read(ref XctipElementReader reader)
    {
        int? cid = null;
        string? nameText = null;
        var memberList = new List<string>();
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Name"u8)) reader.Read(ref nameText, ref unknown);
            else if (name.SequenceEqual("Member"u8)) reader.Add(memberList, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, ConferenceName = nameText, Member = memberList, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Name"u8, ConferenceName);
        writer.WriteElements("Member"u8, Member);
    }
}

/// <summary>
/// <c>Conf/Conf_ANS</c>: the created conference with all its members, the creator included. Modeled (docs/protocol.md
/// 5.7).
/// </summary>
public sealed record ConferenceAnswer : XctipMessage, IXctipCorrelated
{
    /// <inheritdoc />
    public override string Module => ConferenceMessages.Module;

    /// <inheritdoc />
    public override string Name => "Conf_ANS";

    /// <summary>The correlation number of the request this answers.</summary>
    public int? CId { get; init; }

    /// <summary>The conference id. Modeled.</summary>
    public int? ConfId { get; init; }

    /// <summary>The conference name (element <c>Name</c>). Modeled.</summary>
    public string? ConferenceName { get; init; }

    /// <summary>All members' extension numbers, the creator included. Modeled.</summary>
    public ValueList<string> Member { get; init; } = ValueList<string>.Empty;

    internal static ConferenceAnswer Read(ref XctipElementReader reader)
    {
        int? cid = null, confId = null;
        string? nameText = null;
        var memberList = new List<string>();
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("ConfId"u8)) reader.Read(ref confId, ref unknown);
            else if (name.SequenceEqual("Name"u8)) reader.Read(ref nameText, ref unknown);
            else if (name.SequenceEqual("Member"u8)) reader.Add(memberList, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, ConfId = confId, ConferenceName = nameText, Member = memberList, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("ConfId"u8, ConfId);
        writer.WriteElement("Name"u8, ConferenceName);
        writer.WriteElements("Member"u8, Member);
    }
}

/// <summary>
/// <c>Conf/Edit_REQ</c>: rename a conference or replace its members; an absent name or an empty member list stays
/// unchanged. Modeled (docs/protocol.md 5.7).
/// </summary>
public sealed record ConferenceEditRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => ConferenceMessages.Module;

    /// <inheritdoc />
    public override string Name => "Edit_REQ";

    /// <summary>The conference id. Modeled.</summary>
    public int? ConfId { get; init; }

    /// <summary>The new name (element <c>Name</c>); <see langword="null"/> to keep it. Modeled.</summary>
    public string? ConferenceName { get; init; }

    /// <summary>The new member list; empty to keep the members. Modeled.</summary>
    public ValueList<string> Member { get; init; } = ValueList<string>.Empty;

    internal static ConferenceEditRequest Read(ref XctipElementReader reader)
    {
        int? cid = null, confId = null;
        string? nameText = null;
        var memberList = new List<string>();
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("ConfId"u8)) reader.Read(ref confId, ref unknown);
            else if (name.SequenceEqual("Name"u8)) reader.Read(ref nameText, ref unknown);
            else if (name.SequenceEqual("Member"u8)) reader.Add(memberList, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, ConfId = confId, ConferenceName = nameText, Member = memberList, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("ConfId"u8, ConfId);
        writer.WriteElement("Name"u8, ConferenceName);
        writer.WriteElements("Member"u8, Member);
    }
}

/// <summary>
/// <c>Conf/Leave_REQ</c>: leave a conference. Modeled (docs/protocol.md 5.7).
/// </summary>
public sealed record ConferenceLeaveRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => ConferenceMessages.Module;

    /// <inheritdoc />
    public override string Name => "Leave_REQ";

    /// <summary>The conference id. Modeled.</summary>
    public int? ConfId { get; init; }

    internal static ConferenceLeaveRequest Read(ref XctipElementReader reader)
    {
        int? cid = null, confId = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("ConfId"u8)) reader.Read(ref confId, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, ConfId = confId, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("ConfId"u8, ConfId);
    }
}

/// <summary>
/// <c>Conf/Change_EV</c>: a conference's full state, sent to every member when it changes. Modeled (docs/protocol.md
/// 5.7).
/// </summary>
public sealed record ConferenceChangeEvent : XctipMessage
{
    /// <inheritdoc />
    public override string Module => ConferenceMessages.Module;

    /// <inheritdoc />
    public override string Name => "Change_EV";

    /// <summary>The conference id. Modeled.</summary>
    public int? ConfId { get; init; }

    /// <summary>The conference name (element <c>Name</c>). Modeled.</summary>
    public string? ConferenceName { get; init; }

    /// <summary>All members' extension numbers. Modeled.</summary>
    public ValueList<string> Member { get; init; } = ValueList<string>.Empty;

    /// <summary>Whether the conference was removed or the user is no longer a member. Modeled.</summary>
    public bool? Deleted { get; init; }

    internal static ConferenceChangeEvent Read(ref XctipElementReader reader)
    {
        int? confId = null;
        string? nameText = null;
        var memberList = new List<string>();
        bool? deleted = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("ConfId"u8)) reader.Read(ref confId, ref unknown);
            else if (name.SequenceEqual("Name"u8)) reader.Read(ref nameText, ref unknown);
            else if (name.SequenceEqual("Member"u8)) reader.Add(memberList, ref unknown);
            else if (name.SequenceEqual("Deleted"u8)) reader.Read(ref deleted, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            ConfId = confId, ConferenceName = nameText, Member = memberList, Deleted = deleted,
            Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("ConfId"u8, ConfId);
        writer.WriteElement("Name"u8, ConferenceName);
        writer.WriteElements("Member"u8, Member);
        writer.WriteElement("Deleted"u8, Deleted);
    }
}
