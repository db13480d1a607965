using System.Buffers;
using System.Text;
using Slican.Cti.Doorphone.Rtsp;

namespace Slican.Cti.Doorphone.Tests.Rtsp;

public sealed class RtspMessageReaderTests
{
    private readonly RtspMessageReader _reader = new(maxHeaderBytes: 1024, maxBodyBytes: 256);

    private RtspReadResult Read(ref ReadOnlySequence<byte> buffer, out RtspMessage? message, out byte channel, out ReadOnlySequence<byte> payload) =>
        _reader.TryRead(ref buffer, out message, out channel, out payload);

    [Fact]
    public void Parses_a_response_with_body_and_case_insensitive_headers()
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("RTSP/1.0 200 OK\r\nCSeq: 3\r\ncontent-length: 5\r\nContent-Type: application/sdp\r\n\r\nv=0\r\nRTSP"));
        Assert.Equal(RtspReadResult.Message, Read(ref buffer, out var message, out _, out _));
        Assert.True(message!.IsResponse);
        Assert.Equal(200, message.StatusCode);
        Assert.Equal("OK", message.Reason);
        Assert.Equal(3, message.CSeq);
        Assert.Equal("application/sdp", message.GetHeader("CONTENT-TYPE"));
        Assert.Equal("v=0\r\n", Encoding.ASCII.GetString(message.Body.Span));
        Assert.Equal(4, buffer.Length); // the next message's first bytes stay
    }

    [Fact]
    public void Interleaved_frames_and_messages_share_the_stream()
    {
        byte[] bytes = [.. "$"u8, 1, 0, 3, 7, 8, 9, .. "RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n"u8];
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(RtspReadResult.Interleaved, Read(ref buffer, out _, out byte channel, out var payload));
        Assert.Equal(1, channel);
        Assert.Equal(new byte[] { 7, 8, 9 }, payload.ToArray());
        Assert.Equal(RtspReadResult.Message, Read(ref buffer, out var message, out _, out _));
        Assert.Equal(1, message!.CSeq);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Incomplete_input_needs_more_data_at_every_split_point()
    {
        byte[] bytes = Encoding.ASCII.GetBytes("RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm=\"r\", nonce=\"n\"\r\nContent-Length: 2\r\n\r\nab");
        for (int split = 0; split < bytes.Length; split++)
        {
            var partial = new ReadOnlySequence<byte>(bytes, 0, split);
            Assert.Equal(RtspReadResult.NeedMoreData, Read(ref partial, out _, out _, out _));
        }

        var whole = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(RtspReadResult.Message, Read(ref whole, out var message, out _, out _));
        Assert.Equal(401, message!.StatusCode);
    }

    [Fact]
    public void Bare_lf_line_ends_and_folded_headers_are_accepted()
    {
        var buffer = new ReadOnlySequence<byte>("\r\nRTSP/1.0 200 OK\nCSeq: 4\nPublic: OPTIONS,\n DESCRIBE\n\n"u8.ToArray());
        Assert.Equal(RtspReadResult.Message, Read(ref buffer, out var message, out _, out _));
        Assert.Equal("OPTIONS, DESCRIBE", message!.GetHeader("Public"));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n", "start line")]
    [InlineData("RTSP/1.0 2000 OK\r\n\r\n", "status line")]
    [InlineData("RTSP/1.0 abc OK\r\n\r\n", "status line")]
    [InlineData("RTSP/1.0 200 OK\r\nNo colon here\r\n\r\n", "header line")]
    [InlineData("RTSP/1.0 200 OK\r\nContent-Length: -1\r\n\r\n", "Content-Length")]
    [InlineData("RTSP/1.0 200 OK\r\nContent-Length: 99999999999\r\n\r\n", "Content-Length")]
    [InlineData("RTSP/1.0 200 OK\r\nContent-Length: 257\r\n\r\n", "limit")]
    [InlineData("RTSP/1.0 200 OK\r\nX: a\0b\r\n\r\n", "control character")]
    [InlineData(" RTSP/1.0 200 OK\r\n\r\n", "0x20")]
    [InlineData("RTSP/1.0 200 OK\r\n continuation first\r\n\r\n", "continuation")]
    public void Hostile_input_fails_with_a_typed_exception(string text, string expected)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(text));
        var ex = Assert.Throws<RtspProtocolException>(() => Read(ref buffer, out _, out _, out _));
        Assert.Contains(expected, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_endless_header_block_is_cut_off_at_the_limit()
    {
        var text = "RTSP/1.0 200 OK\r\n" + string.Concat(Enumerable.Repeat("X-Pad: aaaaaaaaaaaaaaaaaaaa\r\n", 100));
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));
        Assert.Throws<RtspProtocolException>(() => Read(ref buffer, out _, out _, out _));
    }

    [Fact]
    public void Too_many_headers_are_refused()
    {
        var reader = new RtspMessageReader(64 * 1024, 1024);
        var text = "RTSP/1.0 200 OK\r\n" + string.Concat(Enumerable.Range(0, 65).Select(i => $"X-{i}: v\r\n")) + "\r\n";
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));
        Assert.Throws<RtspProtocolException>(() => reader.TryRead(ref buffer, out _, out _, out _));
    }

    [Fact]
    public void Server_requests_are_parsed_too()
    {
        var buffer = new ReadOnlySequence<byte>("ANNOUNCE rtsp://cam/x RTSP/1.0\r\nCSeq: 9\r\n\r\n"u8.ToArray());
        Assert.Equal(RtspReadResult.Message, Read(ref buffer, out var message, out _, out _));
        Assert.False(message!.IsResponse);
        Assert.Equal("ANNOUNCE", message.Method);
    }

    [Fact]
    public void Requests_refuse_header_injection()
    {
        Assert.Throws<RtspProtocolException>(() => RtspConnection.Format("OPTIONS", new Uri("rtsp://127.0.0.1/x"), 1, [new("Session", "a\r\nEvil: 1")]));
    }
}
