using System.Buffers.Text;
using Slican.Cti.Protocol;
using Slican.Cti.Protocol.Text;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Benchmarks;

/// <summary>
/// The pieces of one <c>Status/Change_EV</c> decode, each runnable alone, so the breakdown benchmarks can say where
/// the time goes and what a different design could at best gain.
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

    /// <summary>
    /// A lower bound, not a way to decode: the six fields parsed straight from the scanned table with the SDK's own
    /// value parsers, and the record built, with no reader, no duplicate or unknown-element handling and no fallbacks.
    /// No reader design can beat this, so the gap to <see cref="ReadTyped"/> is all a redesign could win there.
    /// </summary>
    public static StatusChangeEvent HandWrittenFloor(ReadOnlySpan<byte> frame, ReadOnlySpan<XctipLeaf> leaves)
    {
        int? id = null;
        PhoneState? state = null;
        DndState? dnd = null;
        AppState? appState = null;
        string? appInfo = null;
        DateTime? appInfoTime = null;
        foreach (ref readonly var leaf in leaves)
        {
            var raw = frame.Slice(leaf.ValueStart, leaf.ValueLength);
            switch (leaf.Field)
            {
                case 0 when Utf8Parser.TryParse(raw, out int value, out int used) && used == raw.Length: id = value; break;
                case 1 when XctipTokenCache<PhoneState>.TryMatch(raw, out var word): state = word; break;
                case 2 when XctipTokenCache<DndState>.TryMatch(raw, out var word): dnd = word; break;
                case 3 when XctipTokenCache<AppState>.TryMatch(raw, out var word): appState = word; break;
                case 4: appInfo = CtiEncoding.Ibm852.GetString(raw); break;
                case 5 when XctipTimestamp.TryParse(raw, out var time): appInfoTime = time; break;
            }
        }

        return new StatusChangeEvent
        {
            Id = id, State = state, DndStat = dnd, AppState = appState, AppInfo = appInfo, AppInfoTime = appInfoTime,
            Unknown = ValueList<XctipElement>.Empty,
        };
    }
}
