using System.Text;

namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The <c>Log</c> module: logging in and out.</summary>
internal static class LogMessages
{
    public const string Module = "Log";

    public static XctipMessageDescriptor[] All { get; } =
    [
        new(Module, "MakeLog", typeof(MakeLogRequest), MakeLogRequest.Read),
        new(Module, "Logout", typeof(LogoutRequest), XctipCIdOnlyRequest.Read<LogoutRequest>),
        new(Module, "LogInfo_ANS", typeof(LogInfoAnswer), LogInfoAnswer.Read),
    ];
}

/// <summary>
/// <c>Log/MakeLog</c>: log in as a subscriber with the extension number and the CTI password (PBX field Pss).
/// Answered by <c>LogInfo_ANS</c> and <c>Answer</c>. Verified.
/// </summary>
public sealed record MakeLogRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => LogMessages.Module;

    /// <inheritdoc />
    public override string Name => "MakeLog";

    /// <summary>The extension number, e.g. <c>201</c>. Verified.</summary>
    public string? Login { get; init; }

    /// <summary>The CTI password. Never printed by <see cref="object.ToString"/>. Verified.</summary>
    public string? Pass { get; init; }

    internal static MakeLogRequest Read(ref XctipElementReader reader)
    {
        int? cid = null;
        string? login = null, pass = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Login"u8)) reader.Read(ref login, ref unknown);
            else if (name.SequenceEqual("Pass"u8)) reader.Read(ref pass, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, Login = login, Pass = pass, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Login"u8, Login);
        writer.WriteElement("Pass"u8, Pass);
    }

    /// <summary>Prints the members with the password redacted.</summary>
    protected override bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("CId = ").Append(CId).Append(", Login = ").Append(Login).Append(", Pass = ").Append(Pass is null ? "" : "***");
        return true;
    }
}

/// <summary><c>Log/Logout</c>: end the session. Verified.</summary>
public sealed record LogoutRequest : XctipCIdOnlyRequest
{
    /// <inheritdoc />
    public override string Module => LogMessages.Module;

    /// <inheritdoc />
    public override string Name => "Logout";
}

/// <summary>
/// <c>Log/LogInfo_ANS</c>: who the session is logged in as, sent with the login <c>Answer</c>. Field names verified;
/// value sets mostly unknown (see docs/protocol.md); <see cref="PbxType"/> and <see cref="Version"/> are modeled.
/// </summary>
public sealed record LogInfoAnswer : XctipMessage
{
    /// <inheritdoc />
    public override string Module => LogMessages.Module;

    /// <inheritdoc />
    public override string Name => "LogInfo_ANS";

    /// <summary>The kind of login, e.g. <c>User</c>. Verified name.</summary>
    public string? LogType { get; init; }

    /// <summary>The subscriber's name or label. Verified.</summary>
    public string? Comment { get; init; }

    /// <summary>The PBX-internal subscriber id (e.g. 1001), distinct from the extension number. Verified.</summary>
    public int? Id { get; init; }

    /// <summary>The subscriber's own extension number. Verified name.</summary>
    public string? Number { get; init; }

    /// <summary>The user's language, e.g. <c>EN</c>, <c>PL</c>. Verified name.</summary>
    public string? Language { get; init; }

    /// <summary>The CTI licence level. Verified name; values modeled.</summary>
    public LicenceLevel? Licence { get; init; }

    /// <summary>Whether the subscriber may preview doorphone cameras. Verified name.</summary>
    public bool? Camera { get; init; }

    /// <summary>Whether the subscriber may make VoIP calls from the application. Verified name.</summary>
    public bool? VoIP { get; init; }

    /// <summary>Whether the subscriber may access call recordings. Verified name; meaning inferred.</summary>
    public bool? RecAccess { get; init; }

    /// <summary>The PBX family, e.g. <c>NCP</c>, <c>IPL</c>. Modeled.</summary>
    public string? PbxType { get; init; }

    /// <summary>The PBX firmware version, e.g. <c>1.23.0140</c>. Modeled.</summary>
    public string? Version { get; init; }

    internal static LogInfoAnswer Read(ref XctipElementReader reader)
    {
        string? logType = null, comment = null, number = null, language = null, pbxType = null, version = null;
        int? id = null;
        LicenceLevel? licence = null;
        bool? camera = null, voip = null, recAccess = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("LogType"u8)) reader.Read(ref logType, ref unknown);
            else if (name.SequenceEqual("Comment"u8)) reader.Read(ref comment, ref unknown);
            else if (name.SequenceEqual("Id"u8)) reader.Read(ref id, ref unknown);
            else if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else if (name.SequenceEqual("Language"u8)) reader.Read(ref language, ref unknown);
            else if (name.SequenceEqual("Licence"u8)) reader.Read(ref licence, ref unknown);
            else if (name.SequenceEqual("Camera"u8)) reader.Read(ref camera, ref unknown);
            else if (name.SequenceEqual("VoIP"u8)) reader.Read(ref voip, ref unknown);
            else if (name.SequenceEqual("RecAccess"u8)) reader.Read(ref recAccess, ref unknown);
            else if (name.SequenceEqual("PbxType"u8)) reader.Read(ref pbxType, ref unknown);
            else if (name.SequenceEqual("Version"u8)) reader.Read(ref version, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            LogType = logType, Comment = comment, Id = id, Number = number, Language = language, Licence = licence,
            Camera = camera, VoIP = voip, RecAccess = recAccess, PbxType = pbxType, Version = version, Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("LogType"u8, LogType);
        writer.WriteElement("Comment"u8, Comment);
        writer.WriteElement("Id"u8, Id);
        writer.WriteElement("Number"u8, Number);
        writer.WriteElement("Language"u8, Language);
        writer.WriteElement("Licence"u8, Licence);
        writer.WriteElement("Camera"u8, Camera);
        writer.WriteElement("VoIP"u8, VoIP);
        writer.WriteElement("RecAccess"u8, RecAccess);
        writer.WriteElement("PbxType"u8, PbxType);
        writer.WriteElement("Version"u8, Version);
    }
}
