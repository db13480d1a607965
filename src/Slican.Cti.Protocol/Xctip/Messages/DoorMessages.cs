using System.Text;

namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The <c>Door</c> module: opening doors and doorphone cameras (docs/protocol.md 5.6). Modeled.</summary>
internal static class DoorMessages
{
    public const string Module = "Door";

    public static XctipMessageDescriptor[] All { get; } =
    [
        new(Module, "Open_REQ", typeof(DoorOpenRequest), DoorOpenRequest.Read),
        new(Module, "Camera_REQ", typeof(DoorCameraRequest), DoorCameraRequest.Read),
        new(Module, "Camera_ANS", typeof(DoorCameraAnswer), DoorCameraAnswer.Read),
    ];
}

/// <summary>
/// <c>Door/Open_REQ</c>: open the door of a doorphone. Modeled (docs/protocol.md 5.6).
/// </summary>
public sealed record DoorOpenRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => DoorMessages.Module;

    /// <inheritdoc />
    public override string Name => "Open_REQ";

    /// <summary>The doorphone's subscriber id. Modeled.</summary>
    public int? Id { get; init; }

    internal static DoorOpenRequest Read(ref XctipElementReader reader)
    {
        int? cid = null, id = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Id"u8)) reader.Read(ref id, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, Id = id, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Id"u8, Id);
    }
}

/// <summary>
/// <c>Door/Camera_REQ</c>: ask for a doorphone camera's stream; answered by <c>Camera_ANS</c>. Modeled
/// (docs/protocol.md 5.6).
/// </summary>
public sealed record DoorCameraRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => DoorMessages.Module;

    /// <inheritdoc />
    public override string Name => "Camera_REQ";

    /// <summary>The subscriber id of the doorphone (one with <c>Camera</c>=1). Modeled.</summary>
    public int? Id { get; init; }

    internal static DoorCameraRequest Read(ref XctipElementReader reader)
    {
        int? cid = null, id = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Id"u8)) reader.Read(ref id, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, Id = id, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Id"u8, Id);
    }
}

/// <summary>
/// <c>Door/Camera_ANS</c>: where to view a doorphone camera. <see cref="Login"/> and <see cref="Pass"/> are never
/// printed by <see cref="object.ToString"/>. Modeled (docs/protocol.md 5.6).
/// </summary>
public sealed record DoorCameraAnswer : XctipMessage, IXctipCorrelated
{
    /// <inheritdoc />
    public override string Module => DoorMessages.Module;

    /// <inheritdoc />
    public override string Name => "Camera_ANS";

    /// <summary>The correlation number of the request this answers.</summary>
    public int? CId { get; init; }

    /// <summary>The doorphone's subscriber id. Modeled.</summary>
    public int? Id { get; init; }

    /// <summary>The <c>rtsp://</c> URL of the stream, without credentials. Modeled.</summary>
    public string? Url { get; init; }

    /// <summary>The camera login. Never printed by <see cref="object.ToString"/>. Modeled.</summary>
    public string? Login { get; init; }

    /// <summary>The camera password. Never printed by <see cref="object.ToString"/>. Modeled.</summary>
    public string? Pass { get; init; }

    internal static DoorCameraAnswer Read(ref XctipElementReader reader)
    {
        int? cid = null, id = null;
        string? url = null, login = null, pass = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Id"u8)) reader.Read(ref id, ref unknown);
            else if (name.SequenceEqual("Url"u8)) reader.Read(ref url, ref unknown);
            else if (name.SequenceEqual("Login"u8)) reader.Read(ref login, ref unknown);
            else if (name.SequenceEqual("Pass"u8)) reader.Read(ref pass, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, Id = id, Url = url, Login = login, Pass = pass, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Id"u8, Id);
        writer.WriteElement("Url"u8, Url);
        writer.WriteElement("Login"u8, Login);
        writer.WriteElement("Pass"u8, Pass);
    }

    /// <summary>Prints the members with the login and password redacted.</summary>
    protected override bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("CId = ").Append(CId).Append(", Id = ").Append(Id).Append(", Url = ").Append(Url)
            .Append(", Login = ").Append(Login is null ? "" : "***").Append(", Pass = ").Append(Pass is null ? "" : "***");
        return true;
    }
}
