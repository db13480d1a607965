using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Client;

/// <summary>Who the client is logged in as and what the PBX allows it (<c>Log/LogInfo_ANS</c>).</summary>
public sealed record CtiLogInfo
{
    /// <summary>The own extension number, e.g. <c>201</c>.</summary>
    public string Number { get; init; } = string.Empty;

    /// <summary>The own subscriber Id (used by presence and sync), e.g. <c>1001</c>.</summary>
    public int Id { get; init; }

    /// <summary>The own subscriber name.</summary>
    public string? Name { get; init; }

    /// <summary>The licence level (<c>CTIuser</c>, <c>CTIuserPlus</c>, or whatever the PBX sends).</summary>
    public LicenceLevel? Licence { get; init; }

    /// <summary>Whether MessengerCTI VoIP is available to this subscriber.</summary>
    public bool HasVoip { get; init; }

    /// <summary>Whether camera (doorphone) preview is available.</summary>
    public bool HasCamera { get; init; }

    /// <summary>Whether the subscriber may access call recordings.</summary>
    public bool HasRecordingAccess { get; init; }

    /// <summary>The PBX type, e.g. <c>NCP</c> (modeled field).</summary>
    public string? PbxType { get; init; }

    /// <summary>The PBX firmware version (modeled field).</summary>
    public string? Firmware { get; init; }

    /// <summary>The account type as the PBX reports it.</summary>
    public string? LogType { get; init; }

    /// <summary>The user's language as the PBX reports it.</summary>
    public string? Language { get; init; }

    internal static CtiLogInfo From(LogInfoAnswer? info, string user) => info is null
        ? new CtiLogInfo { Number = user }
        : new CtiLogInfo
        {
            Number = info.Number ?? user,
            Id = info.Id ?? 0,
            Name = info.Comment,
            Licence = info.Licence,
            HasVoip = info.VoIP ?? false,
            HasCamera = info.Camera ?? false,
            HasRecordingAccess = info.RecAccess ?? false,
            PbxType = info.PbxType,
            Firmware = info.Version,
            LogType = info.LogType,
            Language = info.Language,
        };
}
