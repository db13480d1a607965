using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Slican.Cti.Doorphone.Tests.Rtsp;

/// <summary>One request as the fake server saw it.</summary>
internal sealed record FakeRequest(int Connection, string Method, string Uri, Dictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A scripted RTSP server on 127.0.0.1:0 for protocol tests that GStreamer cannot provoke (mid-session challenges,
/// silence, foreign control URLs). <see cref="Handler"/> answers each request (null = stay silent); every request is
/// also published in <see cref="Requests"/>.
/// </summary>
internal sealed class FakeRtspServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = [];
    private readonly Task _acceptLoop;
    private int _connections;

    public FakeRtspServer(Func<FakeRequest, string?> handler)
    {
        Handler = handler;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public Func<FakeRequest, string?> Handler { get; set; }

    public Channel<FakeRequest> Requests { get; } = Channel.CreateUnbounded<FakeRequest>();

    /// <summary>Interleaved frames the client sent (RTCP receiver reports): channel and payload.</summary>
    public Channel<(byte Channel, byte[] Payload)> ClientFrames { get; } = Channel.CreateUnbounded<(byte, byte[])>();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Uri => new($"rtsp://127.0.0.1:{Port}/cam");

    public int Connections => Volatile.Read(ref _connections);

    public static string Sdp(string control = "stream=0", string sessionControl = "*") =>
        "v=0\r\ns=fake\r\nt=0 0\r\na=control:" + sessionControl + "\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n" +
        "a=fmtp:96 packetization-mode=1;sprop-parameter-sets=Z0LAHtoCgL/lwFqDAwNSgAAAAwCAAAAZR4sXUA==,aM48gA==\r\na=control:" + control + "\r\n";

    public static string Answer(FakeRequest request, int status = 200, string reason = "OK", string headers = "", string body = "") =>
        $"RTSP/1.0 {status} {reason}\r\nCSeq: {request.Header("CSeq")}\r\n{headers}" +
        (body.Length > 0 ? $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}" : "\r\n");

    /// <summary>A standard successful answer for each method (GET_PARAMETER listed in Public unless told otherwise).</summary>
    public static string? Default(FakeRequest request, bool getParameter = true, string sessionTimeout = "60") => request.Method switch
    {
        "OPTIONS" => Answer(request, headers: "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN" + (getParameter ? ", GET_PARAMETER" : string.Empty) + "\r\n"),
        "DESCRIBE" => Answer(request, headers: $"Content-Type: application/sdp\r\nContent-Base: {request.Uri.TrimEnd('/')}/\r\n", body: Sdp()),
        "SETUP" => Answer(request, headers: $"Session: 12345678;timeout={sessionTimeout}\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n"),
        _ => Answer(request, headers: "Session: 12345678\r\n"),
    };

    /// <summary>Sends an interleaved frame to every connected client.</summary>
    public async Task SendInterleavedAsync(byte channel, byte[] payload)
    {
        TcpClient[] clients;
        lock (_clients)
        {
            clients = [.. _clients];
        }

        foreach (var client in clients)
        {
            var frame = new byte[4 + payload.Length];
            frame[0] = (byte)'$';
            frame[1] = channel;
            frame[2] = (byte)(payload.Length >> 8);
            frame[3] = (byte)payload.Length;
            payload.CopyTo(frame, 4);
            await client.GetStream().WriteAsync(frame);
        }
    }

    /// <summary>Sends raw bytes (e.g. a server-to-client request) to every connected client.</summary>
    public async Task SendRawAsync(string text)
    {
        TcpClient[] clients;
        lock (_clients)
        {
            clients = [.. _clients];
        }

        foreach (var client in clients)
        {
            await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(text));
        }
    }

    /// <summary>Closes every client connection (as a camera reboot would) but keeps listening.</summary>
    public void DropConnections()
    {
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Client.Shutdown(SocketShutdown.Both);
                client.Dispose();
            }

            _clients.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropConnections();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            int id = Interlocked.Increment(ref _connections);
            lock (_clients)
            {
                _clients.Add(client);
            }

            _ = Task.Run(() => ServeAsync(client, id));
        }
    }

    private async Task ServeAsync(TcpClient client, int id)
    {
        try
        {
            var stream = client.GetStream();
            var buffer = new List<byte>();
            var chunk = new byte[4096];
            while (true)
            {
                int read = await stream.ReadAsync(chunk, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                buffer.AddRange(chunk.AsSpan(0, read).ToArray());
                while (TryTakeRequest(buffer, id, ClientFrames.Writer, out var request))
                {
                    await Requests.Writer.WriteAsync(request!);
                    string? answer = Handler(request!);
                    if (answer is not null)
                    {
                        await stream.WriteAsync(Encoding.UTF8.GetBytes(answer), _stop.Token);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private static bool TryTakeRequest(List<byte> buffer, int connection, ChannelWriter<(byte, byte[])> frames, out FakeRequest? request)
    {
        request = null;
        while (buffer.Count > 0 && buffer[0] == (byte)'$')
        {
            // Interleaved RTCP from the client.
            if (buffer.Count < 4)
            {
                return false;
            }

            int length = (buffer[2] << 8) | buffer[3];
            if (buffer.Count < 4 + length)
            {
                return false;
            }

            frames.TryWrite((buffer[1], buffer.GetRange(4, length).ToArray()));
            buffer.RemoveRange(0, 4 + length);
        }

        string text = Encoding.UTF8.GetString(buffer.ToArray());
        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        buffer.RemoveRange(0, Encoding.UTF8.GetByteCount(text[..(end + 4)]));
        var lines = text[..end].Split("\r\n");
        var start = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }

        request = new FakeRequest(connection, start[0], start[1], headers);
        return true;
    }
}
