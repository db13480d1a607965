using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Slican.Cti.Doorphone.Rtsp;
using Slican.Cti.Doorphone.Tests.Media;

namespace Slican.Cti.Doorphone.Tests.Rtsp;

public sealed class RtspClientTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();

    private RtspClientOptions Options(Uri uri) => new()
    {
        Uri = uri,
        TimeProvider = _time,
        ReceiveTimeout = TimeSpan.FromHours(1),
        ReceiverReportInterval = TimeSpan.FromHours(1),
    };

    private static async Task<FakeRequest> NextAsync(FakeRtspServer server, string method)
    {
        while (true)
        {
            var request = await server.Requests.Reader.ReadAsync().AsTask().WaitAsync(Guard);
            if (request.Method == method)
            {
                return request;
            }
        }
    }

#pragma warning disable CA5351 // Digest is MD5 by definition.
    private static string Md5(string text) => Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
#pragma warning restore CA5351

    private static bool DigestIsValid(FakeRequest request, string user, string password, string realm, string nonce)
    {
        string? header = request.Header("Authorization");
        if (header is null || !header.StartsWith("Digest ", StringComparison.Ordinal))
        {
            return false;
        }

        string Field(string name) => Regex.Match(header, name + "=\"([^\"]*)\"").Groups[1].Value;
        string expected = Md5($"{Md5($"{user}:{realm}:{password}")}:{nonce}:{Md5($"{request.Method}:{Field("uri")}")}");
        return Field("nonce") == nonce && Field("username") == user && Field("response") == expected && Field("uri") == request.Uri;
    }

    [Fact]
    public async Task Runs_options_describe_setup_play_in_order_and_teardown_on_dispose()
    {
        await using var server = new FakeRtspServer(r => FakeRtspServer.Default(r));
        var client = new RtspClient(Options(server.Uri));
        var info = await client.StartAsync().WaitAsync(Guard);
        Assert.Equal("GET_PARAMETER", info.KeepAliveMethod);
        Assert.Equal(TimeSpan.FromSeconds(60), info.SessionTimeout);

        var options = await NextAsync(server, "OPTIONS");
        var describe = await NextAsync(server, "DESCRIBE");
        Assert.Equal("application/sdp", describe.Header("Accept"));
        var setup = await NextAsync(server, "SETUP");
        Assert.Equal($"rtsp://127.0.0.1:{server.Port}/cam/stream=0", setup.Uri);
        Assert.Equal("RTP/AVP/TCP;unicast;interleaved=0-1", setup.Header("Transport"));
        var play = await NextAsync(server, "PLAY");
        Assert.Equal("12345678", play.Header("Session"));
        Assert.Equal($"rtsp://127.0.0.1:{server.Port}/cam/", play.Uri);
        Assert.True(int.Parse(options.Header("CSeq")!) < int.Parse(play.Header("CSeq")!));

        await client.DisposeAsync();
        var teardown = await NextAsync(server, "TEARDOWN");
        Assert.Equal("12345678", teardown.Header("Session"));
        await client.Completion.WaitAsync(Guard);
    }

    [Fact]
    public async Task Interleaved_rtp_becomes_frames()
    {
        await using var server = new FakeRtspServer(r => FakeRtspServer.Default(r));
        await using var client = new RtspClient(Options(server.Uri));
        await client.StartAsync().WaitAsync(Guard);
        byte[] idr = [0x65, 0x88, 0x84, 0x21];
        await server.SendInterleavedAsync(0, Rtp.Packet(1, 3000, true, idr));
        using var frame = await client.Frames.ReadAsync().AsTask().WaitAsync(Guard);
        Assert.True(frame.IsKeyFrame);
        // The SPS and PPS of the SDP are put in front of the IDR.
        Assert.Equal(0x67, frame.Data.Span[4]);
        Assert.True(frame.Data.Span.EndsWith(idr));
        Assert.Equal(1, client.Statistics!.Frames);
    }

    [Fact]
    public async Task Keepalive_falls_back_to_options_and_answers_a_fresh_digest_challenge_mid_session()
    {
        int nonce = 1;
        Func<FakeRequest, string?> handler = null!;
        handler = r =>
        {
            string current = "n" + nonce;
            if (r.Method != "OPTIONS" || r.Header("Session") is not null)
            {
                if (!DigestIsValid(r, "viewer", "s3cr3t", "cam", current))
                {
                    return FakeRtspServer.Answer(r, 401, "Unauthorized", $"WWW-Authenticate: Digest realm=\"cam\", nonce=\"{current}\"\r\n");
                }
            }

            return FakeRtspServer.Default(r, getParameter: false, sessionTimeout: "20");
        };
        await using var server = new FakeRtspServer(handler);
        await using var client = new RtspClient(Options(server.Uri) with { Credentials = new RtspCredentials("viewer", "s3cr3t") });
        var info = await client.StartAsync().WaitAsync(Guard);
        Assert.Equal("OPTIONS", info.KeepAliveMethod);
        Assert.True(DigestIsValid(await NextAsync(server, "PLAY"), "viewer", "s3cr3t", "cam", "n1"));

        // The camera rotates its nonce; the next keepalive (half the 20 s session timeout) is challenged and answered.
        nonce = 2;
        _time.Advance(TimeSpan.FromSeconds(10));
        var first = await NextAsync(server, "OPTIONS");
        Assert.Contains("nonce=\"n1\"", first.Header("Authorization"), StringComparison.Ordinal);
        var second = await NextAsync(server, "OPTIONS");
        Assert.True(DigestIsValid(second, "viewer", "s3cr3t", "cam", "n2"));
        Assert.Equal("12345678", second.Header("Session"));
        Assert.False(client.Completion.IsCompleted);
    }

    [Fact]
    public async Task Wrong_password_fails_with_an_authentication_error_and_leaks_nothing()
    {
        var log = new CapturingLogger<RtspClient>();
        await using var server = new FakeRtspServer(r => r.Method == "OPTIONS"
            ? FakeRtspServer.Default(r)
            : FakeRtspServer.Answer(r, 401, "Unauthorized", "WWW-Authenticate: Digest realm=\"cam\", nonce=\"fixed\"\r\n"));
        await using var client = new RtspClient(Options(new Uri($"rtsp://admin:s3cr3t@127.0.0.1:{server.Port}/cam")), log);
        var ex = await Assert.ThrowsAsync<RtspAuthenticationException>(() => client.StartAsync().WaitAsync(Guard));
        Assert.Contains("rejected the user name or password", ex.Message, StringComparison.Ordinal);
        foreach (string text in log.Lines.Append(ex.ToString()).Append(client.ToString()))
        {
            Assert.DoesNotContain("s3cr3t", text, StringComparison.Ordinal);
            Assert.DoesNotContain("admin", text, StringComparison.Ordinal);
        }

        // The URL's user info never went on the wire either.
        var describe = await NextAsync(server, "DESCRIBE");
        Assert.DoesNotContain("admin", describe.Uri, StringComparison.Ordinal);
        Assert.NotEmpty(log.Lines);
    }

    [Fact]
    public async Task A_control_url_on_another_host_is_refused()
    {
        await using var server = new FakeRtspServer(r => r.Method == "DESCRIBE"
            ? FakeRtspServer.Answer(r, headers: "Content-Type: application/sdp\r\n", body: FakeRtspServer.Sdp(control: "rtsp://127.0.0.2:554/steal"))
            : FakeRtspServer.Default(r));
        await using var client = new RtspClient(Options(server.Uri));
        var ex = await Assert.ThrowsAsync<RtspSecurityException>(() => client.StartAsync().WaitAsync(Guard));
        Assert.Contains("127.0.0.2", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RtspSecurityException>(() => client.Completion.WaitAsync(Guard));
    }

    [Fact]
    public async Task A_silent_camera_times_out_naming_the_request()
    {
        await using var server = new FakeRtspServer(r => r.Method == "DESCRIBE" ? null : FakeRtspServer.Default(r));
        await using var client = new RtspClient(Options(server.Uri) with { RequestTimeout = TimeSpan.FromSeconds(7) });
        var start = client.StartAsync();
        await NextAsync(server, "DESCRIBE");
        _time.Advance(TimeSpan.FromSeconds(7));
        var ex = await Assert.ThrowsAsync<RtspTimeoutException>(() => start.WaitAsync(Guard));
        Assert.Equal("DESCRIBE", ex.Operation);
        Assert.Contains("did not answer DESCRIBE within 7 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_rtp_after_play_fails_the_session_with_an_rtp_timeout()
    {
        await using var server = new FakeRtspServer(r => FakeRtspServer.Default(r));
        await using var client = new RtspClient(Options(server.Uri) with { ReceiveTimeout = TimeSpan.FromSeconds(4) });
        await client.StartAsync().WaitAsync(Guard);
        _time.Advance(TimeSpan.FromSeconds(5));
        var ex = await Assert.ThrowsAsync<RtspTimeoutException>(() => client.Completion.WaitAsync(Guard));
        Assert.Equal("RTP", ex.Operation);
        await Assert.ThrowsAnyAsync<Exception>(async () => await client.Frames.ReadAsync().AsTask().WaitAsync(Guard));
    }

    [Theory]
    [InlineData(404, "Check the path")]
    [InlineData(461, "try the other one")]
    public async Task Error_statuses_explain_themselves(int status, string hint)
    {
        await using var server = new FakeRtspServer(r => r.Method == "SETUP" ? FakeRtspServer.Answer(r, status, "Nope") : FakeRtspServer.Default(r));
        await using var client = new RtspClient(Options(server.Uri));
        var ex = await Assert.ThrowsAsync<RtspStatusException>(() => client.StartAsync().WaitAsync(Guard));
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal("SETUP", ex.Method);
        Assert.Contains(hint, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_camera_closing_the_connection_fails_the_session()
    {
        await using var server = new FakeRtspServer(r => FakeRtspServer.Default(r));
        await using var client = new RtspClient(Options(server.Uri));
        await client.StartAsync().WaitAsync(Guard);
        server.DropConnections();
        var ex = await Assert.ThrowsAnyAsync<RtspException>(() => client.Completion.WaitAsync(Guard));
        Assert.Contains("127.0.0.1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_requests_are_answered_with_their_cseq()
    {
        await using var server = new FakeRtspServer(r => r.Method.StartsWith("RTSP/", StringComparison.Ordinal) ? null : FakeRtspServer.Default(r));
        await using var client = new RtspClient(Options(server.Uri));
        await client.StartAsync().WaitAsync(Guard);
        await server.SendRawAsync("GET_PARAMETER rtsp://127.0.0.1/cam RTSP/1.0\r\nCSeq: 41\r\n\r\nANNOUNCE rtsp://127.0.0.1/cam RTSP/1.0\r\nCSeq: 42\r\n\r\n");
        var first = await NextAsync(server, "RTSP/1.0");
        Assert.Equal("41", first.Header("CSeq"));
        Assert.Equal("200", first.Uri); // the fake server parses the status line as "method uri ..."
        var second = await NextAsync(server, "RTSP/1.0");
        Assert.Equal("42", second.Header("CSeq"));
        Assert.Equal("501", second.Uri);
        Assert.False(client.Completion.IsCompleted);
    }

    [Fact]
    public async Task Garbage_from_the_camera_fails_with_a_protocol_error()
    {
        await using var server = new FakeRtspServer(r => "\u0001\u0002 not rtsp at all\r\n\r\n");
        await using var client = new RtspClient(Options(server.Uri));
        await Assert.ThrowsAsync<RtspProtocolException>(() => client.StartAsync().WaitAsync(Guard));
    }
}
