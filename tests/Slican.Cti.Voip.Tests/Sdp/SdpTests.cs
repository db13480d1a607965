using Slican.Cti.Voip.Media;
using Slican.Cti.Voip.Rtp;
using Slican.Cti.Voip.Sdp;

namespace Slican.Cti.Voip.Tests.Sdp;

public sealed class SdpTests
{
    private const string Offer = "v=0\r\no=- 1 2 IN IP4 10.0.0.7\r\ns=-\r\nc=IN IP4 10.0.0.7\r\nt=0 0\r\nm=audio 4000 RTP/AVP 9 0 8 96\r\na=rtpmap:9 G722/8000\r\na=rtpmap:96 telephone-event/8000\r\na=fmtp:96 0-16\r\na=sendonly\r\nm=video 5000 RTP/AVP 97\r\nc=IN IP4 10.0.0.99\r\na=recvonly\r\n";

    [Fact]
    public void Parses_the_audio_stream_and_ignores_other_media()
    {
        var sdp = SdpSession.Parse(Offer);
        Assert.Equal(4000, sdp.AudioPort);
        Assert.Equal("10.0.0.7", sdp.ConnectionAddress);
        Assert.Equal([9, 0, 8, 96], sdp.PayloadTypes);
        Assert.Equal(MediaDirection.SendOnly, sdp.Direction);
        Assert.Equal("PCMU", sdp.EncodingOf(0));
    }

    [Fact]
    public void Answer_picks_the_first_common_g711_keeps_the_offered_event_type_and_reverses_direction()
    {
        var offer = SdpSession.Parse(Offer);
        var (codec, te) = SdpNegotiator.Select(offer, [G711Law.ALaw, G711Law.MuLaw]);
        Assert.Equal(G711Law.MuLaw, codec); // the offerer prefers PCMU over PCMA
        Assert.Equal((byte)96, te);
        var answer = SdpNegotiator.CreateAnswer(offer, "127.0.0.1", 6000, codec!.Value, te, MediaDirection.SendRecv, 7, 1);
        var reparsed = SdpSession.Parse(answer.ToString());
        Assert.Equal([0, 96], reparsed.PayloadTypes);
        Assert.Equal(MediaDirection.RecvOnly, reparsed.Direction);
        Assert.Equal(6000, reparsed.AudioPort);
    }

    [Fact]
    public void No_common_codec_and_missing_audio_are_reported()
    {
        var g722Only = SdpSession.Parse("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 9\r\n");
        Assert.Null(SdpNegotiator.Select(g722Only, [G711Law.ALaw]).Codec);
        Assert.Throws<SdpException>(() => SdpSession.Parse("v=0\r\nm=video 1 RTP/AVP 96\r\n"));
    }

    [Theory]
    [InlineData(MediaDirection.SendRecv, MediaDirection.SendOnly, MediaDirection.SendOnly)]
    [InlineData(MediaDirection.RecvOnly, MediaDirection.SendOnly, MediaDirection.Inactive)]
    [InlineData(MediaDirection.SendOnly, MediaDirection.SendRecv, MediaDirection.SendOnly)]
    public void Direction_combination_is_the_intersection(MediaDirection allowed, MediaDirection wanted, MediaDirection expected) =>
        Assert.Equal(expected, SdpNegotiator.Combine(allowed, wanted));

    [Theory]
    [InlineData(MediaDirection.SendOnly, false, MediaDirection.SendOnly)] // hold
    [InlineData(MediaDirection.SendRecv, false, MediaDirection.SendRecv)] // resume
    [InlineData(MediaDirection.SendOnly, true, MediaDirection.Inactive)] // hold while held (was sendonly before the fix)
    [InlineData(MediaDirection.SendRecv, true, MediaDirection.RecvOnly)] // resume while still held
    public void A_reoffer_while_the_far_end_holds_us_cannot_ask_to_receive(MediaDirection wanted, bool remoteHold, MediaDirection expected) =>
        Assert.Equal(expected, SdpNegotiator.ReofferDirection(wanted, remoteHold));
}
