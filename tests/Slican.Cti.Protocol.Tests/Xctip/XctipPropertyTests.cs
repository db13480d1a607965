using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Slican.Cti.Protocol.Text;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Protocol.Tests.Xctip;

public class XctipPropertyTests
{
    private static readonly byte[] s_allFixtures =
        [.. Fixture.XctipFiles().Where(f => !f.Contains("ibm852", StringComparison.Ordinal)).SelectMany(f => Fixture.Bytes("xctip/" + f))];

    private static readonly List<XctipMessage> s_allMessages = Fixture.DecodeStream(s_allFixtures);

    /// <summary>XML cannot carry NUL or lone surrogates; the writer replaces them, so generated text avoids them.</summary>
    private static string Clean(string? s)
    {
        var sb = new StringBuilder();
        foreach (var rune in (s ?? string.Empty).EnumerateRunes())
        {
            if (rune.Value != 0 && rune != Rune.ReplacementChar)
            {
                sb.Append(rune.ToString());
            }
        }

        return sb.ToString().Replace("\uFFFD", "", StringComparison.Ordinal);
    }

    private static readonly string s_polish = "Zażółć gęślą jaźń ĄĆĘŁŃÓŚŹŻ <tag> & \"quotes\" 'apos' ]]> \r\n\t";

    [Property(MaxTest = 200)]
    public void Typed_messages_round_trip_arbitrary_text(string? text, int id, bool usePolish, bool utf8)
    {
        string value = Clean(text) + (usePolish ? s_polish : "");
        var encoding = utf8 ? CtiEncoding.Utf8 : CtiEncoding.Ibm852;
        XctipMessage[] messages =
        [
            new StatusUpdateRequest { CId = id, AppInfo = value, AppState = AppState.Create(Clean(text)) },
            new StatusChangeEvent { Id = id, AppInfo = value, AppInfoTime = new DateTime(2026, 1, 2, 3, 4, 5), Camera = usePolish },
            new MakeLogRequest { CId = id, Login = value, Pass = value },
            new CallsChangeEvent { CR = id, CallsState = CallsState.Connect, Calling = new CallParty { Number = value, Comment = value } },
            new LogInfoAnswer { Comment = value, Id = id, Licence = LicenceLevel.CtiUser },
            new XctipAnswer("Sync") { CId = id, Error = value },
            new XctipUnknownMessage("Mystery", new XctipElement("Thing_EV", new XctipElement("Text", value))),
        ];
        var bytes = XctipCodec.ToBytes(new XctipWriterOptions { Encoding = encoding }, messages);
        var decoded = XctipCodec.Decode(bytes, new XctipReaderOptions { Encoding = encoding });
        Assert.Equal(messages, decoded);
    }

    [Fact]
    public void Long_text_over_three_thousand_characters_round_trips()
    {
        string text = string.Concat(Enumerable.Repeat(s_polish, 200));
        Assert.True(text.Length > 3000);
        var message = new StatusUpdateRequest { CId = 1, AppInfo = text };
        Assert.Equal(message, Assert.Single(XctipCodec.Decode(XctipCodec.ToBytes(message))));
    }

    [Property(MaxTest = 300)]
    public void Any_chunking_of_a_valid_stream_decodes_identically(int[] cuts)
    {
        var segmented = Fixture.Segmented(s_allFixtures, [.. (cuts ?? []).Select(c => Math.Abs(c % s_allFixtures.Length))]);
        Assert.Equal(s_allMessages, Fixture.DecodeStream(segmented));
    }

    [Property(MaxTest = 500)]
    public void Arbitrary_bytes_raise_only_protocol_exceptions_and_never_buffer_past_the_cap(byte[] garbage, bool withPrefix)
    {
        var options = new XctipReaderOptions { MaxFrameBytes = 256 };
        byte[] input = withPrefix ? [.. "<XCTIP><Sync>"u8, .. garbage ?? []] : garbage ?? [];
        var stream = new ReadOnlySequence<byte>(input);
        var reader = new XctipFrameReader(options);
        int rounds = 0;
        while (rounds++ < input.Length + 2)
        {
            try
            {
                if (reader.TryReadFrame(ref stream, out var frame))
                {
                    XctipCodec.Decode(frame, options);
                    continue;
                }

                Assert.True(stream.Length <= options.MaxFrameBytes);
                return;
            }
            catch (XctipProtocolException ex)
            {
                Assert.InRange(ex.ByteOffset, 0, input.Length);
                if (!reader.TrySkipToNextFrame(ref stream))
                {
                    return;
                }
            }
        }

        Assert.Fail("the reader did not make progress");
    }

    [Property(MaxTest = 300)]
    public void Mutated_fixture_bytes_raise_only_protocol_exceptions(int position, byte value)
    {
        var bytes = (byte[])s_allFixtures.Clone();
        bytes[Math.Abs(position % bytes.Length)] = value;
        try
        {
            Fixture.DecodeStream(bytes);
        }
        catch (XctipProtocolException)
        {
        }
    }
}
