using System.Text;
using Slican.Cti.Voip.Sip.Messages;

namespace Slican.Cti.Voip.Tests.Sip;

public sealed class SipMessageParserTests
{
    private const string Invite =
        "INVITE sip:204@192.168.1.10 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 10.0.0.5:5062;branch=z9hG4bK776asdhds;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:204@192.168.1.10>\r\n" +
        "From: \"Reception \\\"Desk\\\"\" <sip:201@192.168.1.10>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:201@10.0.0.5:5062>\r\n" +
        "X-Slican-Custom: keep me\r\n" +
        "Subject: folded\r\n value\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 4\r\n\r\nv=0\n";

    [Fact]
    public void Parses_request_line_headers_unknown_headers_folding_and_body()
    {
        var request = Assert.IsType<SipRequest>(SipMessageParser.Parse(Invite));
        Assert.Equal("INVITE", request.Method);
        Assert.Equal("sip:204@192.168.1.10", request.RequestUri);
        Assert.Equal("keep me", request.GetHeader("x-slican-custom"));
        Assert.Equal("folded value", request.GetHeader("Subject"));
        Assert.Equal("v=0\n", request.BodyText);
        Assert.Equal(new SipCSeq(314159, "INVITE"), request.CSeq);
        Assert.Equal("1928301774", request.From.Tag);
        Assert.Equal("Reception \"Desk\"", request.From.DisplayName);
        Assert.Equal("z9hG4bK776asdhds", request.TopVia.Branch);
        Assert.Equal(-1, request.TopVia.RPort);
        Assert.Equal(5062, request.TopVia.Port);
    }

    [Fact]
    public void Compact_header_names_are_expanded()
    {
        string text = "SIP/2.0 180 Ringing\r\nv: SIP/2.0/UDP h;branch=z9hG4bKx\r\nf: <sip:a@h>;tag=1\r\nt: <sip:b@h>;tag=2\r\ni: abc\r\nCSeq: 1 INVITE\r\nm: <sip:b@1.2.3.4>\r\nl: 0\r\n\r\n";
        var response = Assert.IsType<SipResponse>(SipMessageParser.Parse(text));
        Assert.Equal(180, response.StatusCode);
        Assert.Equal("Ringing", response.ReasonPhrase);
        Assert.Equal("abc", response.CallId);
        Assert.Equal("2", response.To.Tag);
        Assert.Equal("<sip:b@1.2.3.4>", response.GetHeader(SipHeaderNames.Contact));
    }

    [Fact]
    public void Serialize_then_parse_keeps_every_header_in_order_and_the_body()
    {
        var first = SipMessageParser.Parse(Invite);
        var second = SipMessageParser.Parse(first.ToBytes());
        Assert.Equal(first.Headers, second.Headers);
        Assert.Equal(first.Body, second.Body);
        Assert.Contains("Content-Length: 4\r\n", Encoding.UTF8.GetString(first.ToBytes()), StringComparison.Ordinal);
    }

    [Fact]
    public void Multiple_vias_in_one_field_are_split_outside_quotes()
    {
        var m = SipMessageParser.Parse(Invite.Replace("Via: SIP/2.0/UDP 10.0.0.5:5062;branch=z9hG4bK776asdhds;rport", "Via: SIP/2.0/UDP a:1;branch=z9hG4bK1, SIP/2.0/TCP b:2;branch=z9hG4bK2", StringComparison.Ordinal));
        var vias = m.GetHeaderValues("Via").Select(SipVia.Parse).ToList();
        Assert.Equal(2, vias.Count);
        Assert.Equal("TCP", vias[1].Transport);
        Assert.Equal("a", m.TopVia.Host);
    }

    [Theory]
    [InlineData("", "empty message")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nVia: x\r\n", "no blank line")]
    [InlineData("INVITE sip:a@b SIP/3.0\r\n\r\n", "request line")]
    [InlineData("INV ITE sip:a@b SIP/2.0\r\n\r\n", "request line")]
    [InlineData("SIP/2.0 99 Odd\r\n\r\n", "status code")]
    [InlineData("SIP/2.0 700 Odd\r\n\r\n", "status code")]
    [InlineData("INVITE http://a SIP/2.0\r\n\r\n", "Request-URI")]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 10\r\n\r\nshort", "Content-Length 10")]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCSeq: 1 OPTIONS\r\n\r\n", "Call-ID is missing")]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n\r\n", "does not match")]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: -5\r\n\r\n", "Content-Length")]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nBad Header: 1\r\n\r\n", "invalid character")]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\n continuation first\r\n\r\n", "continuation")]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nX: a\0b\r\n\r\n", "control character")]
    public void Malformed_messages_raise_SipParseException_with_a_reason(string text, string expected)
    {
        var ex = Assert.Throws<SipParseException>(() => SipMessageParser.Parse(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversize_messages_and_header_floods_are_rejected_by_the_limits()
    {
        var limits = new SipParserLimits { MaxMessageSize = 1000, MaxHeaderCount = 10, MaxHeaderLength = 100 };
        Assert.Contains("exceeds", Assert.Throws<SipParseException>(() => SipMessageParser.Parse(new string('A', 1001), limits)).Message, StringComparison.Ordinal);
        string flood = "OPTIONS sip:a@b SIP/2.0\r\n" + string.Concat(Enumerable.Repeat("X: y\r\n", 11)) + "\r\n";
        Assert.Contains("more than 10", Assert.Throws<SipParseException>(() => SipMessageParser.Parse(flood, limits)).Message, StringComparison.Ordinal);
        string longHeader = "OPTIONS sip:a@b SIP/2.0\r\nX: " + new string('y', 101) + "\r\n\r\n";
        Assert.Contains("longer than 100", Assert.Throws<SipParseException>(() => SipMessageParser.Parse(longHeader, limits)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_headers_is_rejected()
    {
        byte[] bytes = Encoding.ASCII.GetBytes("OPTIONS sip:a@b SIP/2.0\r\nX: \r\n\r\n");
        var list = bytes.ToList();
        list.Insert(28, 0xC3);
        list.Insert(29, 0x28);
        Assert.Throws<SipParseException>(() => SipMessageParser.Parse(list.ToArray()));
    }

    [Fact]
    public void Stream_framing_waits_for_the_whole_body_and_requires_content_length()
    {
        byte[] whole = SipMessageParser.Parse(Invite).ToBytes();
        var limits = SipParserLimits.Default;
        Assert.False(SipMessageParser.TryFindMessageLength(whole.AsSpan(0, whole.Length - 1), limits, out _));
        byte[] two = whole.Concat(whole).ToArray();
        Assert.True(SipMessageParser.TryFindMessageLength(two, limits, out int length));
        Assert.Equal(whole.Length, length);
        Assert.Throws<SipParseException>(() => SipMessageParser.TryFindMessageLength("OPTIONS sip:a@b SIP/2.0\r\nX: y\r\n\r\n"u8, limits, out _));
    }

    [Fact]
    public void Uri_parsing_keeps_parameters_and_headers_and_drops_passwords()
    {
        var uri = SipUri.Parse("sip:alice:secret@[2001:db8::1]:5070;transport=tcp;lr?Replaces=abc%3Bto-tag%3D1");
        Assert.Equal("alice", uri.User);
        Assert.Equal("[2001:db8::1]", uri.Host);
        Assert.Equal(5070, uri.Port);
        Assert.Equal("tcp", uri.GetParameter("transport"));
        Assert.Equal(string.Empty, uri.GetParameter("lr"));
        Assert.Equal("Replaces=abc%3Bto-tag%3D1", uri.Headers);
        Assert.DoesNotContain("secret", uri.ToString(), StringComparison.Ordinal);
        Assert.Throws<SipParseException>(() => SipUri.Parse("sip:a@b:99999"));
        Assert.Throws<SipParseException>(() => SipUri.Parse("mailto:a@b"));
    }
}
