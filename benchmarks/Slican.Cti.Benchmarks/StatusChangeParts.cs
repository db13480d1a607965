using Slican.Cti.Protocol;
using Slican.Cti.Protocol.Text;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Benchmarks;

/// <summary>
/// The pieces of one <c>Status/Change_EV</c> decode, each runnable alone, so the breakdown benchmarks can say where
/// the time goes: the one-pass read presence takes, and the general flat path (scan, then the message's reader) that
/// other flat messages and unusual presence frames take.
/// </summary>
internal static class StatusChangeParts
{
    private static readonly XctipMessageDescriptor s_descriptor = XctipMessageRegistry.Find("Status", "Change_EV")!;
    private static readonly char[] s_appInfo = "Back at 14:00, call my mobile".ToCharArray();

    /// <summary>The flat scan as the codec runs it for this message: header, fields matched with its table, trailer.</summary>
    public static int Scan(ReadOnlySpan<byte> frame, Span<XctipLeaf> leaves)
    {
        if (!XctipFlatFrame.TryScanHeader(frame, out var module, out var message, out int body)
            || !XctipFlatFrame.TryScanBody(frame, body, module, message, s_descriptor.Fields, s_descriptor.Trailer, leaves, out int count))
        {
            throw new InvalidOperationException("The sample frame is no longer flat; the breakdown would measure nothing.");
        }

        return count;
    }

    /// <summary>The SDK's typed read (the message's own reader) over fields already scanned.</summary>
    public static XctipMessage ReadTyped(ReadOnlySpan<byte> frame, ReadOnlySpan<XctipLeaf> leaves)
    {
        var reader = new XctipElementReader(frame, "Change_EV"u8, leaves, s_descriptor.Fields, CtiEncoding.Ibm852);
        return s_descriptor.Read(ref reader);
    }

    /// <summary>The three allocations every decode of this frame makes under the API: record, text, one-element list.</summary>
    public static IReadOnlyList<XctipMessage> AllocationsOnly()
    {
        var message = new StatusChangeEvent { Id = 1002, AppInfo = new string(s_appInfo), Unknown = ValueList<XctipElement>.Empty };
        return [message];
    }

    /// <summary>The one-pass presence read alone (what <see cref="XctipCodec.Decode(ReadOnlySpan{byte}, XctipReaderOptions?, long)"/> runs for this frame), without the lookup and the result list.</summary>
    public static XctipMessage? OnePassRead(ReadOnlySpan<byte> frame) =>
        s_descriptor.FusedRead!(frame, s_descriptor.Header.Length, s_descriptor.Trailer, CtiEncoding.Ibm852);
}
