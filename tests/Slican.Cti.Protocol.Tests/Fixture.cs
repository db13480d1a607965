using System.Buffers;
using Slican.Cti.Protocol.Xctip;

namespace Slican.Cti.Protocol.Tests;

/// <summary>Loads the byte-exact example streams copied into the test project.</summary>
internal static class Fixture
{
    public static byte[] Bytes(string relativePath) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath));

    public static IEnumerable<string> XctipFiles() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "xctip")).Select(Path.GetFileName).Order()!;

    /// <summary>Splits a whole stream into frames and decodes each.</summary>
    public static List<XctipMessage> DecodeStream(ReadOnlySequence<byte> stream, XctipReaderOptions? options = null)
    {
        var reader = new XctipFrameReader(options);
        var messages = new List<XctipMessage>();
        while (reader.TryReadFrame(ref stream, out var frame))
        {
            messages.AddRange(XctipCodec.Decode(frame, options, reader.BytesConsumed - frame.Length));
        }

        return messages;
    }

    public static List<XctipMessage> DecodeStream(byte[] stream, XctipReaderOptions? options = null) =>
        DecodeStream(new ReadOnlySequence<byte>(stream), options);

    /// <summary>Builds a multi-segment sequence that cuts <paramref name="data"/> at the given offsets.</summary>
    public static ReadOnlySequence<byte> Segmented(byte[] data, params int[] cuts)
    {
        var bounds = cuts.Where(c => c > 0 && c < data.Length).Distinct().Order().Append(data.Length).ToArray();
        var chunks = new List<ReadOnlyMemory<byte>>();
        int start = 0;
        foreach (int end in bounds)
        {
            chunks.Add(data.AsMemory(start, end - start));
            start = end;
        }

        return Sequence(chunks);
    }

    /// <summary>Builds a sequence whose segments are exactly the given non-empty chunks.</summary>
    public static ReadOnlySequence<byte> Sequence(IReadOnlyList<ReadOnlyMemory<byte>> chunks)
    {
        var nonEmpty = chunks.Where(c => !c.IsEmpty).ToList();
        if (nonEmpty.Count == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(nonEmpty[0], 0);
        var last = first;
        for (int i = 1; i < nonEmpty.Count; i++)
        {
            last = last.Append(nonEmpty[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>One byte per segment.</summary>
    public static ReadOnlySequence<byte> BytePerSegment(byte[] data) => Segmented(data, [.. Enumerable.Range(1, Math.Max(0, data.Length - 1))]);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
