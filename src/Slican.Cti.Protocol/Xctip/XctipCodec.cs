using System.Buffers;
using System.Runtime.CompilerServices;
using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Protocol.Xctip;

/// <summary>Decodes XCTIP frames into typed messages and encodes messages into frames.</summary>
public static class XctipCodec
{
    /// <summary>Decodes one frame (as split by <see cref="XctipFrameReader"/>) into its messages, in document order.</summary>
    /// <param name="frame">The frame's bytes.</param>
    /// <param name="options">Limits and the default encoding; <see cref="XctipReaderOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="streamOffset">The frame's offset in the stream, for error messages.</param>
    /// <exception cref="XctipProtocolException">The frame is not well-formed XCTIP.</exception>
    public static IReadOnlyList<XctipMessage> Decode(ReadOnlySpan<byte> frame, XctipReaderOptions? options = null, long streamOffset = 0) =>
        Decode(frame, options, streamOffset, allowFlat: true);

    /// <summary>
    /// Decodes one frame; with <paramref name="allowFlat"/> a flat one-message frame (the usual event) is read from
    /// a single scan (<see cref="XctipFlatFrame"/>) instead of the token stream. Both paths give the same result; the
    /// tests compare them.
    /// </summary>
    internal static IReadOnlyList<XctipMessage> Decode(ReadOnlySpan<byte> frame, XctipReaderOptions? options, long streamOffset, bool allowFlat)
    {
        options ??= XctipReaderOptions.Default;
        if (frame.Length > options.MaxFrameBytes)
        {
            throw new XctipProtocolException(XctipErrorKind.FrameTooLarge, $"XCTIP frame exceeds the {options.MaxFrameBytes}-byte limit (XctipReaderOptions.MaxFrameBytes)", streamOffset + options.MaxFrameBytes, default);
        }

        if (allowFlat && options.MaxDepth >= XctipFlatFrame.LeafDepth && TryDecodeFlat(frame, options.Encoding) is { } single)
        {
            return [single];
        }

        var reader = new XctipElementReader(frame, options, streamOffset);
        var encoding = reader.Encoding;

        // Nearly every frame holds one message: keep it in a local and build a list only for a second one.
        XctipMessage? first = null;
        List<XctipMessage>? more = null;
        while (reader.ReadNextChild(out var moduleName))
        {
            if (reader.IsEmptyElement)
            {
                reader.Skip();
                continue;
            }

            string? module = XctipMessageRegistry.FindModule(moduleName);
            string moduleText = module ?? encoding.GetString(moduleName);
            while (reader.ReadNextChild(out var messageName))
            {
                var message = ReadMessage(ref reader, module, moduleText, messageName);
                if (first is null)
                {
                    first = message;
                }
                else
                {
                    (more ??= [first]).Add(message);
                }
            }
        }

        return more ?? (first is null ? [] : [first]);
    }

    /// <summary>Decodes one frame that may span several buffer segments.</summary>
    /// <inheritdoc cref="Decode(ReadOnlySpan{byte}, XctipReaderOptions?, long)"/>
    public static IReadOnlyList<XctipMessage> Decode(in ReadOnlySequence<byte> frame, XctipReaderOptions? options = null, long streamOffset = 0)
    {
        if (frame.IsSingleSegment)
        {
            return Decode(frame.FirstSpan, options, streamOffset);
        }

        int length = checked((int)frame.Length);
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            frame.CopyTo(rented);
            return Decode(rented.AsSpan(0, length), options, streamOffset);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Writes one frame holding <paramref name="message"/>.</summary>
    public static void Encode(IBufferWriter<byte> output, XctipMessage message, XctipWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Encode(output, [message], options);
    }

    /// <summary>
    /// Writes one frame holding <paramref name="messages"/>; consecutive messages of the same module share one
    /// module element.
    /// </summary>
    public static void Encode(IBufferWriter<byte> output, ReadOnlySpan<XctipMessage> messages, XctipWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        options ??= XctipWriterOptions.Default;
        var writer = new XctipWriter(output, options.Encoding);
        Encode(writer, messages, options.WriteDeclaration);
    }

    /// <summary>Writes one frame with a writer the caller reuses.</summary>
    public static void Encode(XctipWriter writer, ReadOnlySpan<XctipMessage> messages, bool writeDeclaration = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (writeDeclaration)
        {
            writer.WriteDeclaration();
        }

        writer.WriteStartElement("XCTIP"u8);
        string? open = null;
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message);
            if (open != message.Module)
            {
                if (open is not null)
                {
                    writer.WriteEndElement(open);
                }

                open = message.Module;
                writer.WriteStartElement(open);
            }

            writer.WriteStartElement(message.Name);
            message.WriteBody(writer);
            writer.WriteEndElement(message.Name);
        }

        if (open is not null)
        {
            writer.WriteEndElement(open);
        }

        writer.WriteEndElement("XCTIP"u8);
    }

    /// <summary>Encodes messages into a new array (one frame).</summary>
    public static byte[] ToBytes(XctipWriterOptions? options, params XctipMessage[] messages)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Encode(buffer, messages, options);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes messages into a new array (one frame, code page 852, no declaration).</summary>
    public static byte[] ToBytes(params XctipMessage[] messages) => ToBytes(null, messages);

    /// <summary>The CLR type the SDK uses for a module's message, or <see langword="null"/> when it has none.</summary>
    public static Type? GetMessageType(string module, string name)
    {
        if (name == "Answer")
        {
            return typeof(XctipAnswer);
        }

        return XctipMessageRegistry.Find(module, name)?.Type;
    }

    /// <summary>Every typed message as (module, name, type).</summary>
    public static IEnumerable<(string Module, string Name, Type Type)> KnownMessages =>
        XctipMessageRegistry.All.Select(d => (d.Module, d.Name, d.Type)).Concat([("*", "Answer", typeof(XctipAnswer))]);

    /// <summary>Decodes a flat one-message frame, or returns <see langword="null"/> when the frame is not flat.</summary>
    /// <remarks>The leaf table is written before it is read (up to <c>count</c>), so it is not zeroed first.</remarks>
    [SkipLocalsInit]
    private static XctipMessage? TryDecodeFlat(ReadOnlySpan<byte> frame, CtiEncoding encoding)
    {
        // The most frequent messages (presence) read themselves in one pass when the frame is of the plainest shape.
        if (XctipMessageRegistry.FindFused(frame) is { } frequent && frequent.FusedRead!(frame, frequent.Header.Length, frequent.Trailer, encoding) is { } message)
        {
            return message;
        }

        if (!XctipFlatFrame.TryScanHeader(frame, out var moduleRange, out var messageRange, out int body))
        {
            return null;
        }

        // As ReadMessage, with module and message looked up in one pass. Names that match are valid by construction;
        // others are checked as the tokenizer would. The message's field table and end tags guide the scan.
        var moduleName = frame[moduleRange];
        var messageName = frame[messageRange];
        var descriptor = XctipMessageRegistry.Find(moduleName, messageName, out string? module);
        if ((module is null && !XctipFlatFrame.IsName(moduleName)) || (descriptor is null && !XctipFlatFrame.IsName(messageName)))
        {
            return null;
        }

        var fields = descriptor?.Fields;
        Span<XctipLeaf> leaves = stackalloc XctipLeaf[XctipFlatFrame.MaxLeaves];
        if (!XctipFlatFrame.TryScanBody(frame, body, moduleRange, messageRange, fields, descriptor is null ? default : descriptor.Trailer, leaves, out int count))
        {
            return null;
        }

        string moduleText = module ?? encoding.GetString(moduleName);
        var reader = new XctipElementReader(frame, messageName, leaves[..count], fields, encoding);
        if (messageName.SequenceEqual("Answer"u8))
        {
            return XctipAnswer.Read(ref reader, moduleText);
        }

        return descriptor is not null ? descriptor.Read(ref reader) : new XctipUnknownMessage(moduleText, reader.ReadElement());
    }

    private static XctipMessage ReadMessage(ref XctipElementReader reader, string? module, string moduleText, ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("Answer"u8))
        {
            return XctipAnswer.Read(ref reader, moduleText);
        }

        var descriptor = XctipMessageRegistry.Find(module, name);
        if (descriptor is not null)
        {
            return descriptor.Read(ref reader);
        }

        return new XctipUnknownMessage(moduleText, reader.ReadElement());
    }
}
