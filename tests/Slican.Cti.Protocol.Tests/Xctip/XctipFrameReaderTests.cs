using System.Buffers;
using System.Text;
using Slican.Cti.Protocol.Xctip;

namespace Slican.Cti.Protocol.Tests.Xctip;

public class XctipFrameReaderTests
{
    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static List<string> Frames(ReadOnlySequence<byte> stream, XctipReaderOptions? options = null)
    {
        var reader = new XctipFrameReader(options);
        var frames = new List<string>();
        while (reader.TryReadFrame(ref stream, out var frame))
        {
            frames.Add(Encoding.Latin1.GetString(frame.ToArray()));
        }

        return frames;
    }

    [Fact]
    public void Splits_back_to_back_frames_with_and_without_declarations()
    {
        var stream = Ascii("<XCTIP><A/></XCTIP><?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<XCTIP>\r\n <B>x</B>\r\n</XCTIP>\r\n<!-- c --><XCTIP/>");
        var frames = Frames(new ReadOnlySequence<byte>(stream));
        Assert.Equal(
            ["<XCTIP><A/></XCTIP>", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<XCTIP>\r\n <B>x</B>\r\n</XCTIP>", "\r\n<!-- c --><XCTIP/>"],
            frames);
    }

    [Fact]
    public void Ignores_markup_characters_inside_comments_cdata_attributes_and_processing_instructions()
    {
        const string frame = "<XCTIP><!-- </XCTIP> --><A x='>' y=\"</XCTIP>\"><![CDATA[</XCTIP> ]] >]]></A><?pi </XCTIP> ?></XCTIP>";
        Assert.Equal([frame], Frames(new ReadOnlySequence<byte>(Ascii(frame + frame)))[..1]);
        Assert.Equal(2, Frames(new ReadOnlySequence<byte>(Ascii(frame + frame))).Count);
    }

    [Fact]
    public void A_frame_split_at_every_byte_is_found_once_and_whole()
    {
        var bytes = Fixture.Bytes("xctip/08-calls-change.xml");
        var whole = Frames(new ReadOnlySequence<byte>(bytes));
        Assert.Equal(6, whole.Count);
        Assert.Equal(whole, Frames(Fixture.BytePerSegment(bytes)));
        for (int cut = 1; cut < bytes.Length; cut += 7)
        {
            Assert.Equal(whole, Frames(Fixture.Segmented(bytes, cut, cut + 3)));
        }
    }

    [Fact]
    public void Incremental_arrival_scans_each_byte_once_and_resumes()
    {
        // Feed the stream one byte at a time the way a PipeReader does: the same buffer start until a frame is taken.
        var bytes = Fixture.Bytes("xctip/05-book-records.xml");
        var reader = new XctipFrameReader();
        int available = 0;
        int frames = 0;
        int start = 0;
        while (available < bytes.Length)
        {
            available++;
            var buffer = new ReadOnlySequence<byte>(bytes, start, available - start);
            while (reader.TryReadFrame(ref buffer, out var frame))
            {
                frames++;
                start = available - (int)buffer.Length;
                Assert.Equal(bytes.Length, start); // one frame, complete only at the last byte
            }
        }

        Assert.Equal(1, frames);
        Assert.Equal(bytes.Length, reader.BytesConsumed);
    }

    [Fact]
    public void Frame_of_exactly_the_cap_is_accepted_and_one_byte_more_is_rejected()
    {
        const int cap = 1024;
        var options = new XctipReaderOptions { MaxFrameBytes = cap };
        string head = "<XCTIP><A>", tail = "</A></XCTIP>";
        var exact = Ascii(head + new string('x', cap - head.Length - tail.Length) + tail);
        Assert.Single(Frames(new ReadOnlySequence<byte>(exact), options));

        var over = Ascii(head + new string('x', cap - head.Length - tail.Length + 1) + tail);
        var ex = Assert.Throws<XctipProtocolException>(() => Frames(new ReadOnlySequence<byte>(over), options));
        Assert.Equal(XctipErrorKind.FrameTooLarge, ex.Kind);
        Assert.Equal(cap, ex.ByteOffset);
        Assert.Contains("MaxFrameBytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_frame_that_never_ends_is_rejected_at_the_cap_not_buffered()
    {
        var reader = new XctipFrameReader();
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'y');
        var pending = new ArrayBufferWriter<byte>();
        pending.Write("<XCTIP><Text>"u8);
        var ex = Assert.Throws<XctipProtocolException>(() =>
        {
            // 100 MB would follow; the reader must give up at 1 MiB.
            for (int i = 0; i < 1600; i++)
            {
                pending.Write(chunk);
                var buffer = new ReadOnlySequence<byte>(pending.WrittenMemory);
                Assert.False(reader.TryReadFrame(ref buffer, out _));
            }
        });
        Assert.Equal(XctipErrorKind.FrameTooLarge, ex.Kind);
        Assert.True(pending.WrittenCount <= XctipReaderOptions.Default.MaxFrameBytes + chunk.Length);
    }

    [Fact]
    public void Garbage_is_rejected_at_its_first_byte_with_offset_and_preview()
    {
        var bytes = Ascii("<XCTIP><A/></XCTIP>GARBAGE\x01<XCTIP><B/></XCTIP>");
        var stream = new ReadOnlySequence<byte>(bytes);
        var reader = new XctipFrameReader();
        Assert.True(reader.TryReadFrame(ref stream, out _));
        var ex = Assert.Throws<XctipProtocolException>(() => reader.TryReadFrame(ref stream, out _));
        Assert.Equal(XctipErrorKind.Malformed, ex.Kind);
        Assert.Equal(19, ex.ByteOffset);
        Assert.StartsWith("GARBAGE\\x01<XCTIP>", ex.Preview, StringComparison.Ordinal);

        // Resynchronise at the next <XCTIP and go on without losing the next frame.
        Assert.True(reader.TrySkipToNextFrame(ref stream));
        Assert.True(reader.TryReadFrame(ref stream, out var frame));
        Assert.Equal("<XCTIP><B/></XCTIP>", Encoding.ASCII.GetString(frame.ToArray()));
        Assert.Equal(bytes.Length, reader.BytesConsumed);
    }

    [Fact]
    public void A_hundred_megabytes_of_garbage_fails_fast()
    {
        var garbage = new byte[100 * 1024 * 1024];
        new Random(7).NextBytes(garbage);
        garbage[0] = (byte)'Q';
        var stream = new ReadOnlySequence<byte>(garbage);
        var reader = new XctipFrameReader();
        var ex = Assert.Throws<XctipProtocolException>(() => reader.TryReadFrame(ref stream, out _));
        Assert.Equal(0, ex.ByteOffset);

        // Resynchronising skips it all in one pass and keeps at most a partial "<XCTIP" tail.
        int skips = 0;
        while (!stream.IsEmpty && skips++ < 1_000_000)
        {
            if (reader.TrySkipToNextFrame(ref stream))
            {
                try
                {
                    reader.TryReadFrame(ref stream, out _);
                }
                catch (XctipProtocolException)
                {
                    continue;
                }
            }

            if (stream.Length < 6)
            {
                break;
            }
        }

        Assert.True(stream.Length < 6);
    }

    [Theory]
    [InlineData("<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><XCTIP>&lol2;</XCTIP>", XctipErrorKind.DoctypeNotAllowed)]
    [InlineData("<XCTIP><!DOCTYPE x></XCTIP>", XctipErrorKind.DoctypeNotAllowed)]
    [InlineData("<HTML></HTML>", XctipErrorKind.NotXctip)]
    [InlineData("<XCTIPX></XCTIPX>", XctipErrorKind.NotXctip)]
    [InlineData("</XCTIP>", XctipErrorKind.Malformed)]
    [InlineData("<XCTIP><A <B></XCTIP>", XctipErrorKind.Malformed)]
    [InlineData("<XCTIP><!x></XCTIP>", XctipErrorKind.Malformed)]
    public void Structural_violations_are_rejected_while_splitting(string input, XctipErrorKind kind)
    {
        var stream = new ReadOnlySequence<byte>(Ascii(input));
        var ex = Assert.Throws<XctipProtocolException>(() => new XctipFrameReader().TryReadFrame(ref stream, out _));
        Assert.Equal(kind, ex.Kind);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_rejected()
    {
        var options = new XctipReaderOptions { MaxDepth = 4 };
        var ok = new ReadOnlySequence<byte>(Ascii("<XCTIP><a><b><c/></b></a></XCTIP>"));
        Assert.True(new XctipFrameReader(options).TryReadFrame(ref ok, out _));
        var deep = new ReadOnlySequence<byte>(Ascii("<XCTIP><a><b><c><d>"));
        var ex = Assert.Throws<XctipProtocolException>(() => new XctipFrameReader(options).TryReadFrame(ref deep, out _));
        Assert.Equal(XctipErrorKind.TooDeep, ex.Kind);
    }
}
