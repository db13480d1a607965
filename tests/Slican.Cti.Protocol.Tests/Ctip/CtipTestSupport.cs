using System.Buffers;
using Slican.Cti.Protocol.Ctip;

namespace Slican.Cti.Protocol.Tests.Ctip;

/// <summary>Fixture loading and a PipeReader-like feeder that keeps unconsumed bytes as separate segments.</summary>
internal static class CtipTestSupport
{
    public static byte[] Fixture(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ctip", name));

    /// <summary>Builds a sequence whose segments are exactly the given chunks, so lines straddle segment borders.</summary>
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

    /// <summary>
    /// Feeds chunks one at a time the way a PipeReader loop would and collects every message. Protocol errors are
    /// collected too (the reader skips the bad line by itself). <paramref name="onIdle"/> sees the unconsumed buffer
    /// whenever the reader asks for more input.
    /// </summary>
    public static List<CtipMessage> ReadAll(
        CtipLineReader reader,
        IEnumerable<byte[]> chunks,
        List<CtipProtocolException>? errors = null,
        Action<ReadOnlySequence<byte>>? onIdle = null)
    {
        var messages = new List<CtipMessage>();
        var pending = new List<ReadOnlyMemory<byte>>();
        foreach (byte[] chunk in chunks)
        {
            pending.Add(chunk);
            var buffer = Sequence(pending);
            while (true)
            {
                try
                {
                    if (!reader.TryReadMessage(ref buffer, out var message))
                    {
                        break;
                    }

                    messages.Add(message);
                }
                catch (CtipProtocolException ex) when (errors is not null)
                {
                    errors.Add(ex);
                }
            }

            onIdle?.Invoke(buffer);
            pending = [];
            foreach (var memory in buffer)
            {
                pending.Add(memory);
            }
        }

        return messages;
    }

    public static IEnumerable<byte[]> Split(byte[] data, params int[] cuts)
    {
        int start = 0;
        foreach (int cut in cuts)
        {
            yield return data[start..cut];
            start = cut;
        }

        yield return data[start..];
    }

    public static IEnumerable<byte[]> Bytewise(byte[] data) => data.Select(b => new[] { b });

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
