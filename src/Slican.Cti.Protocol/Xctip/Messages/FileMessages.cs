namespace Slican.Cti.Protocol.Xctip.Messages;

/// <summary>The <c>File</c> module: negotiating file and clipboard transfers over HTTPS (docs/protocol.md 5.9). Modeled.</summary>
internal static class FileMessages
{
    public const string Module = "File";

    public static XctipMessageDescriptor[] All { get; } =
    [
        new(Module, "Offer_REQ", typeof(FileOfferRequest), FileOfferRequest.Read),
        new(Module, "Offer_ANS", typeof(FileOfferAnswer), FileOfferAnswer.Read),
        new(Module, "Offer_EV", typeof(FileOfferEvent), FileOfferEvent.Read),
    ];
}

/// <summary>
/// <c>File/Offer_REQ</c>: offer a file (or clipboard content) to a user; answered by <c>Offer_ANS</c>. Modeled
/// (docs/protocol.md 5.9).
/// </summary>
public sealed record FileOfferRequest : XctipRequest
{
    /// <inheritdoc />
    public override string Module => FileMessages.Module;

    /// <inheritdoc />
    public override string Name => "Offer_REQ";

    /// <summary>The recipient's extension; the user's own for the clipboard. Modeled.</summary>
    public string? Number { get; init; }

    /// <summary>The file name (element <c>Name</c>). Modeled.</summary>
    public string? FileName { get; init; }

    /// <summary>The size in bytes. Modeled.</summary>
    public long? Size { get; init; }

    /// <summary>Whether this is clipboard content rather than a file. Modeled.</summary>
    public bool? Clipboard { get; init; }

    internal static FileOfferRequest Read(ref XctipElementReader reader)
    {
        int? cid = null;
        string? number = null, nameText = null;
        long? size = null;
        bool? clipboard = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else if (name.SequenceEqual("Name"u8)) reader.Read(ref nameText, ref unknown);
            else if (name.SequenceEqual("Size"u8)) reader.Read(ref size, ref unknown);
            else if (name.SequenceEqual("Clipboard"u8)) reader.Read(ref clipboard, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            CId = cid, Number = number, FileName = nameText, Size = size, Clipboard = clipboard,
            Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Number"u8, Number);
        writer.WriteElement("Name"u8, FileName);
        writer.WriteElement("Size"u8, Size);
        writer.WriteElement("Clipboard"u8, Clipboard);
    }
}

/// <summary>
/// <c>File/Offer_ANS</c>: where to upload an offered file. Modeled (docs/protocol.md 5.9).
/// </summary>
public sealed record FileOfferAnswer : XctipMessage, IXctipCorrelated
{
    /// <inheritdoc />
    public override string Module => FileMessages.Module;

    /// <inheritdoc />
    public override string Name => "Offer_ANS";

    /// <summary>The correlation number of the request this answers.</summary>
    public int? CId { get; init; }

    /// <summary>Identifies the transfer on both sides. Modeled.</summary>
    public string? Token { get; init; }

    /// <summary>The upload URL, opaque to the SDK. Modeled.</summary>
    public string? Url { get; init; }

    internal static FileOfferAnswer Read(ref XctipElementReader reader)
    {
        int? cid = null;
        string? token = null, url = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("CId"u8)) reader.Read(ref cid, ref unknown);
            else if (name.SequenceEqual("Token"u8)) reader.Read(ref token, ref unknown);
            else if (name.SequenceEqual("Url"u8)) reader.Read(ref url, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new() { CId = cid, Token = token, Url = url, Unknown = unknown.ToList() };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("CId"u8, CId);
        writer.WriteElement("Token"u8, Token);
        writer.WriteElement("Url"u8, Url);
    }
}

/// <summary>
/// <c>File/Offer_EV</c>: a user offers the user a file (or clipboard content) to download. Modeled (docs/protocol.md
/// 5.9).
/// </summary>
public sealed record FileOfferEvent : XctipMessage
{
    /// <inheritdoc />
    public override string Module => FileMessages.Module;

    /// <inheritdoc />
    public override string Name => "Offer_EV";

    /// <summary>The sender's extension. Modeled.</summary>
    public string? Number { get; init; }

    /// <summary>The file name (element <c>Name</c>). Modeled.</summary>
    public string? FileName { get; init; }

    /// <summary>The size in bytes. Modeled.</summary>
    public long? Size { get; init; }

    /// <summary>Identifies the transfer on both sides. Modeled.</summary>
    public string? Token { get; init; }

    /// <summary>The download URL, opaque to the SDK. Modeled.</summary>
    public string? Url { get; init; }

    /// <summary>Whether this is clipboard content rather than a file. Modeled.</summary>
    public bool? Clipboard { get; init; }

    internal static FileOfferEvent Read(ref XctipElementReader reader)
    {
        string? number = null, nameText = null, token = null, url = null;
        long? size = null;
        bool? clipboard = null;
        var unknown = default(XctipUnknownElements);
        while (reader.ReadNextChild(out var name))
        {
            if (name.SequenceEqual("Number"u8)) reader.Read(ref number, ref unknown);
            else if (name.SequenceEqual("Name"u8)) reader.Read(ref nameText, ref unknown);
            else if (name.SequenceEqual("Size"u8)) reader.Read(ref size, ref unknown);
            else if (name.SequenceEqual("Token"u8)) reader.Read(ref token, ref unknown);
            else if (name.SequenceEqual("Url"u8)) reader.Read(ref url, ref unknown);
            else if (name.SequenceEqual("Clipboard"u8)) reader.Read(ref clipboard, ref unknown);
            else reader.ReadUnknown(ref unknown);
        }

        return new()
        {
            Number = number, FileName = nameText, Size = size, Token = token, Url = url, Clipboard = clipboard,
            Unknown = unknown.ToList(),
        };
    }

    /// <inheritdoc />
    protected override void WriteFields(XctipWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElement("Number"u8, Number);
        writer.WriteElement("Name"u8, FileName);
        writer.WriteElement("Size"u8, Size);
        writer.WriteElement("Token"u8, Token);
        writer.WriteElement("Url"u8, Url);
        writer.WriteElement("Clipboard"u8, Clipboard);
    }
}
