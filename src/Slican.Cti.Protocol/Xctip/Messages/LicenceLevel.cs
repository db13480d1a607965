namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The subscriber's CTI licence, <c>LogInfo_ANS/Licence</c>. Values modeled on the manual's CTIuser / CTIuserPlus.</summary>
/// <param name="Value">The word exactly as on the wire.</param>
public readonly record struct LicenceLevel(string Value) : IXctipToken<LicenceLevel>
{
    /// <summary>Chat, presence, call monitoring. Modeled.</summary>
    public static LicenceLevel CtiUser { get; } = new("CTIuser");

    /// <summary>Adds VoIP calls and more. Modeled.</summary>
    public static LicenceLevel CtiUserPlus { get; } = new("CTIuserPlus");

    /// <inheritdoc />
    public static IReadOnlyList<LicenceLevel> KnownValues { get; } = [CtiUser, CtiUserPlus];

    /// <inheritdoc />
    public static LicenceLevel Create(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
