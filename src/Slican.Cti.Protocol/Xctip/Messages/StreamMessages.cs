namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The <c>Stream</c> module: the keepalive watchdog.</summary>
internal static class StreamMessages
{
    public const string Module = "Stream";

    public static XctipMessageDescriptor[] All { get; } =
    [
        new(Module, "WDTest", typeof(WatchdogTest), WatchdogTest.Read),
        new(Module, "WDOk", typeof(WatchdogOk), WatchdogOk.Read),
    ];

    /// <summary>Reads a message that has no fields of its own.</summary>
    public static XctipUnknownElements ReadEmpty(ref XctipElementReader reader)
    {
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out _))
        {
            reader.ReadUnknown(ref unknown);
        }

        return unknown;
    }
}

/// <summary><c>Stream/WDTest</c>: a keepalive probe from the client; the PBX answers <see cref="WatchdogOk"/>. Verified; no CId.</summary>
public sealed record WatchdogTest : XctipMessage
{
    /// <inheritdoc />
    public override string Module => StreamMessages.Module;

    /// <inheritdoc />
    public override string Name => "WDTest";

    internal static WatchdogTest Read(ref XctipElementReader reader) => new() { Unknown = StreamMessages.ReadEmpty(ref reader).ToList() };

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
    }
}

/// <summary><c>Stream/WDOk</c>: the PBX's answer to <see cref="WatchdogTest"/>. Verified; no CId.</summary>
public sealed record WatchdogOk : XctipMessage
{
    /// <inheritdoc />
    public override string Module => StreamMessages.Module;

    /// <inheritdoc />
    public override string Name => "WDOk";

    internal static WatchdogOk Read(ref XctipElementReader reader) => new() { Unknown = StreamMessages.ReadEmpty(ref reader).ToList() };

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
    }
}
