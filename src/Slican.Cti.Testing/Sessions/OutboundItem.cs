using System.Buffers;
using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Protocol.Text;
using Slican.Cti.Protocol.Xctip;

namespace Slican.Cti.Testing.Sessions;

/// <summary>
/// One frame (XCTIP) or line (CTIP) waiting in a session's outbound queue. A fan-out event is one shared item: it is
/// encoded once, by the first writer that needs it, and the bytes are reused by every other session.
/// </summary>
internal sealed class OutboundItem
{
    private byte[]? _encoded;

    internal OutboundItem(XctipMessage[]? xctip, CtipMessage? ctip, bool isReply)
    {
        Xctip = xctip;
        Ctip = ctip;
        IsReply = isReply;
    }

    public XctipMessage[]? Xctip { get; }

    public CtipMessage? Ctip { get; }

    /// <summary>An Answer or _ANS (subject to the AnswerDelay and reorder faults).</summary>
    public bool IsReply { get; }

    /// <summary>Chat message id carried by this item, for the ledger.</summary>
    public int? ChatMessageId { get; init; }

    /// <summary>Called by the writer after the bytes went to the socket.</summary>
    public Action<PbxSession>? OnWritten { get; init; }

    /// <summary>Called when the session closed before the item was written.</summary>
    public Action<PbxSession>? OnDropped { get; init; }

    public static OutboundItem ForXctip(bool isReply, params XctipMessage[] messages) => new(messages, null, isReply);

    public static OutboundItem ForCtip(CtipMessage message, bool isReply = false) => new(null, message, isReply);

    /// <summary>The encoded frame or line; every session of an emulator uses the same encoding, so the bytes can be shared.</summary>
    public ReadOnlySpan<byte> GetBytes(CtiEncoding encoding, bool share)
    {
        if (!share)
        {
            return Encode(encoding);
        }

        var bytes = Volatile.Read(ref _encoded);
        if (bytes is null)
        {
            bytes = Encode(encoding);
            Interlocked.CompareExchange(ref _encoded, bytes, null);
        }

        return bytes;
    }

    private byte[] Encode(CtiEncoding encoding)
    {
        if (Xctip is not null)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            XctipCodec.Encode(buffer, Xctip.AsSpan(), new XctipWriterOptions { Encoding = encoding });
            return buffer.WrittenSpan.ToArray();
        }

        return CtipCodec.ToBytes(Ctip!, encoding);
    }
}
