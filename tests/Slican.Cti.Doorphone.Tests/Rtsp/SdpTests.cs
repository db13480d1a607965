using Slican.Cti.Doorphone.Media;
using Slican.Cti.Doorphone.Rtsp;
using Slican.Cti.Doorphone.Rtsp.Sdp;

namespace Slican.Cti.Doorphone.Tests.Rtsp;

public sealed class SdpTests
{
    // As sent by gst-rtsp-server 1.22 for the test server's /h264 mount.
    private const string GStreamerH264 = "v=0\r\no=- 8808071976508473848 1 IN IP4 127.0.0.1\r\ns=Session streamed with GStreamer\r\ni=rtsp-server\r\nt=0 0\r\na=tool:GStreamer\r\na=type:broadcast\r\na=control:*\r\na=range:npt=now-\r\nm=video 0 RTP/AVP 96\r\nc=IN IP4 0.0.0.0\r\nb=AS:1024\r\na=rtpmap:96 H264/90000\r\na=framerate:25\r\na=fmtp:96 packetization-mode=1;sprop-parameter-sets=Z0LAHtoCgL/lwFqDAwNSgAAAAwCAAAAZR4sXUA==,aM48gA==;profile-level-id=42c01e;level-asymmetry-allowed=1\r\na=control:stream=0\r\na=ts-refclk:local\r\na=mediaclk:sender\r\n";

    [Fact]
    public void Parses_gstreamer_h264_description()
    {
        var sdp = SessionDescription.Parse(GStreamerH264);
        Assert.Equal("Session streamed with GStreamer", sdp.Name);
        Assert.Equal("*", sdp.Control);
        var media = Assert.Single(sdp.Media);
        Assert.Equal("video", media.MediaType);
        Assert.Equal("stream=0", media.Control);
        var format = Assert.Single(media.Formats);
        Assert.Equal(96, format.PayloadType);
        Assert.Equal("H264", format.EncodingName);
        Assert.Equal(90000, format.ClockRate);
        Assert.Equal("1", format.Parameters["packetization-mode"]);
        Assert.StartsWith("Z0LAHto", format.Parameters["SPROP-PARAMETER-SETS"], StringComparison.Ordinal);
        Assert.Equal(VideoCodec.H264, RtpDepacketizer.CodecOf(format));
    }

    [Fact]
    public void Static_payload_type_26_is_jpeg_without_rtpmap_and_audio_is_kept_apart()
    {
        var sdp = SessionDescription.Parse("v=0\ns=cam\nm=audio 0 RTP/AVP 0\na=control:trackID=2\nm=video 0 RTP/AVP 26\na=control:trackID=1\n");
        Assert.Equal(2, sdp.Media.Count);
        var video = sdp.Media[1];
        Assert.Equal(VideoCodec.Jpeg, RtpDepacketizer.CodecOf(video.Formats[0]));
        Assert.Equal("trackID=1", video.Control);
        Assert.Null(sdp.Control);
    }

    [Theory]
    [InlineData("v=0\nthis is not sdp\n")]
    [InlineData("v=0\nm=video\n")]
    [InlineData("v=0\nm=video 99999 RTP/AVP 96\n")]
    public void Malformed_descriptions_fail_with_a_typed_exception(string text)
    {
        Assert.Throws<RtspProtocolException>(() => SessionDescription.Parse(text));
    }

    [Fact]
    public void Oversized_descriptions_are_refused()
    {
        string many = "v=0\n" + string.Concat(Enumerable.Repeat("a=x\n", 2000));
        Assert.Throws<RtspProtocolException>(() => SessionDescription.Parse(many));
        string media = "v=0\n" + string.Concat(Enumerable.Repeat("m=video 0 RTP/AVP 96\n", 17));
        Assert.Throws<RtspProtocolException>(() => SessionDescription.Parse(media));
    }
}
