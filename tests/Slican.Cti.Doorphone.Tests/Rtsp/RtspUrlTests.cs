using Slican.Cti.Doorphone.Rtsp;

namespace Slican.Cti.Doorphone.Tests.Rtsp;

public sealed class RtspUrlTests
{
    private static readonly Uri Connected = new("rtsp://127.0.0.1:8554/cam");

    [Theory]
    [InlineData("*", "rtsp://127.0.0.1:8554/cam/")]
    [InlineData("stream=0", "rtsp://127.0.0.1:8554/cam/stream=0")]
    [InlineData("rtsp://127.0.0.1:8554/cam/trackID=1", "rtsp://127.0.0.1:8554/cam/trackID=1")]
    public void Resolves_controls_on_the_same_host(string reference, string expected)
    {
        var resolved = RtspUrl.ResolveOnSameHost(Connected, new Uri("rtsp://127.0.0.1:8554/cam/"), reference, "media control");
        Assert.Equal(expected, resolved.AbsoluteUri);
    }

    [Fact]
    public void A_base_without_trailing_slash_gets_one()
    {
        var resolved = RtspUrl.ResolveOnSameHost(Connected, Connected, "trackID=1", "media control");
        Assert.Equal("rtsp://127.0.0.1:8554/cam/trackID=1", resolved.AbsoluteUri);
    }

    [Theory]
    [InlineData("rtsp://127.0.0.2:8554/cam/stream=0")]
    [InlineData("rtsp://127.0.0.1:9999/cam/stream=0")]
    [InlineData("rtsp://evil.example/cam")]
    [InlineData("//evil.example/x")]
    [InlineData("http://127.0.0.1:8554/cam")]
    public void Refuses_a_control_url_on_another_host(string reference)
    {
        var ex = Assert.Throws<RtspSecurityException>(() => RtspUrl.ResolveOnSameHost(Connected, Connected, reference, "media control"));
        Assert.Contains("refused", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strips_and_redacts_credentials()
    {
        var uri = new Uri("rtsp://viewer:pa%3Ass@127.0.0.1/stream1?token=x");
        Assert.Equal("rtsp://127.0.0.1:554/stream1", RtspUrl.Redact(uri));
        Assert.Equal(string.Empty, RtspUrl.StripCredentials(uri).UserInfo);
        var credentials = RtspUrl.CredentialsOf(uri)!;
        Assert.Equal("viewer", credentials.UserName);
        Assert.Equal("pa:ss", credentials.Password);
        Assert.Equal(554, RtspUrl.PortOf(uri));
    }
}
