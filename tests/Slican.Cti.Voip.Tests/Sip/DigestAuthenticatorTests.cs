using Slican.Cti.Voip.Sip.Auth;
using Slican.Cti.Voip.Sip.Messages;

namespace Slican.Cti.Voip.Tests.Sip;

public sealed class DigestAuthenticatorTests
{
    [Fact]
    public void Computes_the_RFC_2617_example_response()
    {
        var auth = new DigestAuthenticator(new SipCredentials("Mufasa", "Circle Of Life"));
        var challenge = DigestChallenge.TryParse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")!;
        string header = auth.BuildAuthorization(challenge, "GET", "/dir/index.html", 1, "0a4f113b");
        Assert.Contains("response=\"6629fae49393a05397450978507c4ef1\"", header, StringComparison.Ordinal);
        Assert.Contains("nc=00000001", header, StringComparison.Ordinal);
        Assert.Contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"", header, StringComparison.Ordinal);
        Assert.DoesNotContain("Circle Of Life", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Reuses_the_nonce_with_increasing_nonce_count_and_gives_up_on_a_repeated_nonce_unless_stale()
    {
        var auth = new DigestAuthenticator(new SipCredentials("1001", "pw"));
        var challenge = Response(401, "Digest realm=\"r\", nonce=\"n1\", qop=\"auth\"");
        Assert.True(auth.AcceptChallenge(challenge));
        var first = Request();
        auth.Authorize(first);
        var second = Request();
        auth.Authorize(second);
        Assert.Contains("nc=00000001", first.GetHeader("Authorization"), StringComparison.Ordinal);
        Assert.Contains("nc=00000002", second.GetHeader("Authorization"), StringComparison.Ordinal);

        Assert.False(auth.AcceptChallenge(Response(401, "Digest realm=\"r\", nonce=\"n1\", qop=\"auth\"")));
        Assert.True(auth.AcceptChallenge(Response(401, "Digest realm=\"r\", nonce=\"n1\", qop=\"auth\", stale=true")));
        Assert.True(auth.AcceptChallenge(Response(401, "Digest realm=\"r\", nonce=\"n2\", qop=\"auth\", stale=TRUE")));
        var third = Request();
        auth.Authorize(third);
        Assert.Contains("nonce=\"n2\"", third.GetHeader("Authorization"), StringComparison.Ordinal);
        Assert.Contains("nc=00000001", third.GetHeader("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public void Proxy_challenges_are_answered_with_Proxy_Authorization_and_credentials_never_print_the_password()
    {
        var creds = new SipCredentials("1001", "top-secret");
        var auth = new DigestAuthenticator(creds);
        Assert.True(auth.AcceptChallenge(Response(407, "Digest realm=\"p\", nonce=\"x\"", SipHeaderNames.ProxyAuthenticate)));
        var r = Request();
        auth.Authorize(r);
        Assert.NotNull(r.GetHeader("Proxy-Authorization"));
        Assert.Null(r.GetHeader("Authorization"));
        Assert.DoesNotContain("top-secret", creds.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("top-secret", new SipAccount { Registrar = "pbx", UserName = "1001", Password = "top-secret" }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Quotes_and_backslashes_in_the_user_name_are_escaped_but_hashed_as_typed()
    {
        var auth = new DigestAuthenticator(new SipCredentials("ann\"o\\x", "pw"));
        var challenge = DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n\"")!;
        string header = auth.BuildAuthorization(challenge, "REGISTER", "sip:pbx", 1, "c");
        Assert.Contains("username=\"ann\\\"o\\\\x\"", header, StringComparison.Ordinal);
        string ha1 = Slican.Cti.Shared.Auth.DigestResponse.Hash(false, "ann\"o\\x:r:pw");
        string ha2 = Slican.Cti.Shared.Auth.DigestResponse.Hash(false, "REGISTER:sip:pbx");
        Assert.Contains($"response=\"{Slican.Cti.Shared.Auth.DigestResponse.Hash(false, $"{ha1}:n:{ha2}")}\"", header, StringComparison.Ordinal);
    }

    private static SipRequest Request()
    {
        var r = new SipRequest("REGISTER", "sip:pbx");
        r.AddHeader("CSeq", "1 REGISTER");
        return r;
    }

    private static SipResponse Response(int code, string challenge, string header = SipHeaderNames.WwwAuthenticate)
    {
        var r = new SipResponse(code, "Unauthorized");
        r.AddHeader(header, challenge);
        return r;
    }
}
