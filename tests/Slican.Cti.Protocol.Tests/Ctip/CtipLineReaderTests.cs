using System.Buffers;
using System.Text;
using Slican.Cti.Protocol.Ctip;
using static Slican.Cti.Protocol.Tests.Ctip.CtipTestSupport;

namespace Slican.Cti.Protocol.Tests.Ctip;

public class CtipLineReaderTests
{
    private static List<string> Lines(CtipLineReader reader, string text)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));
        var lines = new List<string>();
        while (reader.TryReadLine(ref buffer, out var line))
        {
            lines.Add(Encoding.ASCII.GetString(line.ToArray()));
        }

        return lines;
    }

    [Fact]
    public void Bare_lf_is_accepted_cr_is_stripped_and_empty_lines_are_skipped()
    {
        var reader = new CtipLineReader();

        Assert.Equal(["aOK", "t", "aERROR"], Lines(reader, "aOK\r\n\r\n\nt\naERROR\r\naNA"));
        Assert.Equal(18, reader.BytesConsumed);
        Assert.Equal(10, reader.LastLineOffset);
    }

    [Fact]
    public void A_line_of_exactly_the_limit_is_accepted_and_one_more_byte_is_not()
    {
        var options = new CtipReaderOptions { MaxLineBytes = 6 };

        Assert.Equal(["aERROR"], Lines(new CtipLineReader(options), "aERROR\n"));
        Assert.Equal(["aWHO1"], Lines(new CtipLineReader(options), "aWHO1\r\n"));
        var ex = Assert.Throws<CtipProtocolException>(() => Lines(new CtipLineReader(options), "aWHO12\r\n"));
        Assert.Equal(0, ex.ByteOffset);
    }

    [Fact]
    public void Partial_line_waits_for_more_input_without_consuming()
    {
        var reader = new CtipLineReader();
        var buffer = new ReadOnlySequence<byte>("aRING 201_"u8.ToArray());

        Assert.False(reader.TryReadLine(ref buffer, out _));
        Assert.Equal(10, buffer.Length);
        Assert.Equal(0, reader.BytesConsumed);
    }

    [Fact]
    public void Over_long_line_skips_itself_on_the_next_read_even_across_reads()
    {
        var reader = new CtipLineReader(new CtipReaderOptions { MaxLineBytes = 8 });
        var errors = new List<CtipProtocolException>();
        byte[][] chunks = ["aOK\r\naXXXXXXXXXX"u8.ToArray(), "XXXXXXXX"u8.ToArray(), "XX\r\naNA 3\r\n"u8.ToArray()];

        var messages = ReadAll(reader, chunks, errors);

        Assert.Equal([new CtipOk(), new CtipNotAccepted(CtipNaReason.NoCall)], messages);
        var error = Assert.Single(errors);
        Assert.Equal(5, error.ByteOffset);
        Assert.StartsWith("aXXXXX", error.Preview, StringComparison.Ordinal);
        Assert.Equal(chunks.Sum(c => c.Length), reader.BytesConsumed);
    }

    [Fact]
    public void Resynchronise_drops_a_partial_line()
    {
        var reader = new CtipLineReader();
        var buffer = new ReadOnlySequence<byte>("garbage"u8.ToArray());

        Assert.False(reader.Resynchronise(ref buffer));
        Assert.True(buffer.IsEmpty);
        Assert.True(reader.IsResynchronising);

        Assert.Equal(["aOK"], Lines(reader, "more garbage\r\naOK\r\n"));
        Assert.False(reader.IsResynchronising);
        Assert.Equal(26, reader.BytesConsumed);
    }

    [Fact]
    public void Options_reject_a_non_positive_limit()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CtipReaderOptions { MaxLineBytes = 0 });
        Assert.Equal(4096, CtipReaderOptions.Default.MaxLineBytes);
        Assert.True(CtipReaderOptions.Default.UnparseableAsUnknown);
        Assert.Same(Slican.Cti.Protocol.Text.CtiEncoding.Ibm852, CtipReaderOptions.Default.Encoding);
    }
}
