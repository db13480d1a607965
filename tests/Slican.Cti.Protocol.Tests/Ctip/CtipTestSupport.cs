using System.Buffers;
using Slican.Cti.Protocol.Ctip;

namespace Slican.Cti.Protocol.Tests.Ctip;

/// <summary>Fixture loading and a PipeReader-like feeder that keeps unconsumed bytes as separate segments.</summary>
internal static class CtipTestSupport
{
    public static byte[] Fixture(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ctip", name));

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
            var buffer = Protocol.Tests.Fixture.Sequence(pending);
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
}
