using Slican.Cti.Doorphone.Rtsp;
using Slican.Cti.Doorphone.Rtsp.Authentication;
using Slican.Cti.Shared.Auth;

namespace Slican.Cti.Doorphone.Tests.Rtsp;

public sealed class AuthenticationTests
{
    private static readonly RtspCredentials Mufasa = new("Mufasa", "Circle Of Life");

    [Fact]
    public void Digest_with_qop_matches_the_rfc_2617_example()
    {
        var challenge = AuthenticationChallenge.TryParse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")!;
        string header = RtspAuthenticator.CreateDigest(challenge, Mufasa, "GET", "/dir/index.html", 1, "0a4f113b");
        Assert.Contains("response=\"6629fae49393a05397450978507c4ef1\"", header, StringComparison.Ordinal);
        Assert.Contains("qop=auth, nc=00000001", header, StringComparison.Ordinal);
        Assert.Contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Digest_without_qop_matches_rfc_2069_style_computation()
    {
        // GStreamer's challenge: no qop, MD5. response = MD5(HA1:nonce:HA2).
        var challenge = AuthenticationChallenge.TryParse("Digest realm=\"GStreamer RTSP Server\", nonce=\"7e282341e3010d93\"")!;
        string header = RtspAuthenticator.CreateDigest(challenge, new RtspCredentials("user", "secret"), "DESCRIBE", "rtsp://127.0.0.1:8554/h264", 1, "ignored");
        string ha1 = DigestResponse.Hash(false, "user:GStreamer RTSP Server:secret");
        string ha2 = DigestResponse.Hash(false, "DESCRIBE:rtsp://127.0.0.1:8554/h264");
        Assert.Contains($"response=\"{DigestResponse.Hash(false, $"{ha1}:7e282341e3010d93:{ha2}")}\"", header, StringComparison.Ordinal);
        Assert.DoesNotContain("qop", header, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Sha256_digest_is_preferred_over_md5_and_basic()
    {
        var auth = new RtspAuthenticator(Mufasa, allowBasic: true);
        auth.AcceptChallenge(["Basic realm=\"x\"", "Digest realm=\"x\", nonce=\"a\"", "Digest realm=\"x\", nonce=\"b\", algorithm=SHA-256, qop=\"auth\""], false, "cam");
        string header = auth.CreateAuthorization("DESCRIBE", "rtsp://cam/x")!;
        Assert.Contains("algorithm=SHA-256", header, StringComparison.Ordinal);
        Assert.Matches("response=\"[0-9a-f]{64}\"", header);
    }

    [Fact]
    public void Basic_is_used_only_when_allowed()
    {
        var auth = new RtspAuthenticator(Mufasa, allowBasic: true);
        auth.AcceptChallenge(["Basic realm=\"cam\""], false, "cam");
        Assert.Equal("Basic TXVmYXNhOkNpcmNsZSBPZiBMaWZl", auth.CreateAuthorization("OPTIONS", "rtsp://cam/"));

        var strict = new RtspAuthenticator(Mufasa, allowBasic: false);
        var ex = Assert.Throws<RtspAuthenticationException>(() => strict.AcceptChallenge(["Basic realm=\"cam\""], false, "cam"));
        Assert.Contains("AllowBasicAuthentication", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejected_answer_to_the_same_nonce_means_wrong_credentials_but_a_fresh_nonce_is_answered()
    {
        var auth = new RtspAuthenticator(Mufasa, allowBasic: true);
        auth.AcceptChallenge(["Digest realm=\"r\", nonce=\"n1\""], false, "cam");
        // Mid-session: the camera rotates its nonce; answered again.
        auth.AcceptChallenge(["Digest realm=\"r\", nonce=\"n2\""], true, "cam");
        Assert.Contains("nonce=\"n2\"", auth.CreateAuthorization("GET_PARAMETER", "rtsp://cam/")!, StringComparison.Ordinal);
        // Same nonce but stale=true: answered again.
        auth.AcceptChallenge(["Digest realm=\"r\", nonce=\"n2\", stale=TRUE"], true, "cam");
        // Same nonce, not stale: the password is wrong.
        var ex = Assert.Throws<RtspAuthenticationException>(() => auth.AcceptChallenge(["Digest realm=\"r\", nonce=\"n2\""], true, "cam"));
        Assert.Contains("rejected", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Circle", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Mufasa", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_credentials_gives_a_message_that_says_so()
    {
        var auth = new RtspAuthenticator(null, allowBasic: true);
        var ex = Assert.Throws<RtspAuthenticationException>(() => auth.AcceptChallenge(["Digest realm=\"r\", nonce=\"n\""], false, "127.0.0.1:554"));
        Assert.Contains("no user name and password", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Digest")]
    [InlineData("Digest realm=\"r\"")] // no nonce
    [InlineData("Digest realm=\"unterminated")]
    [InlineData("Digest ,,,,=,=\"")]
    public void Hostile_challenges_do_not_throw(string header)
    {
        var challenge = AuthenticationChallenge.TryParse(header);
        Assert.True(challenge is null || challenge.Scheme.Length > 0);
    }

    [Fact]
    public void Credentials_never_print()
    {
        var credentials = new RtspCredentials("admin", "s3cr3t");
        Assert.DoesNotContain("s3cr3t", credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("admin", credentials.ToString(), StringComparison.Ordinal);
        var options = new RtspClientOptions { Uri = new Uri("rtsp://admin:s3cr3t@127.0.0.1:554/stream"), Credentials = credentials };
        string text = options.ToString();
        Assert.DoesNotContain("s3cr3t", text, StringComparison.Ordinal);
        Assert.DoesNotContain("admin", text, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:554/stream", text, StringComparison.Ordinal);
    }
}
