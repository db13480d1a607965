using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Threading.Channels;
using Slican.Cti.Protocol.Xctip;
using Slican.Cti.Protocol.Xctip.Messages;

namespace Slican.Cti.Testing.Tests;

/// <summary>A raw XCTIP conversation partner built only on the Protocol package (not on the SDK client).</summary>
internal sealed class XctipTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TcpClient _tcp;
    private readonly Stream _stream;
    private readonly Channel<XctipMessage> _inbox = Channel.CreateUnbounded<XctipMessage>();
    private readonly Task _reader;
    private int _cid;

    private XctipTestClient(TcpClient tcp, Stream stream)
    {
        _tcp = tcp;
        _stream = stream;
        _reader = Task.Run(ReadAsync);
    }

    public List<XctipMessage> Received { get; } = [];

    public int ProtocolErrors { get; private set; }

    public static async Task<XctipTestClient> ConnectAsync(IPEndPoint endPoint)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(endPoint.Address, endPoint.Port);
        return new XctipTestClient(tcp, tcp.GetStream());
    }

    public static async Task<XctipTestClient> ConnectTlsAsync(IPEndPoint endPoint, string thumbprint)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(endPoint.Address, endPoint.Port);
        var ssl = new SslStream(tcp.GetStream(), false, (_, cert, _, _) => cert is not null && string.Equals(cert.GetCertHashString(), thumbprint, StringComparison.OrdinalIgnoreCase));
        await ssl.AuthenticateAsClientAsync("localhost");
        return new XctipTestClient(tcp, ssl);
    }

    public static async Task<XctipTestClient> LoginAsync(PbxEmulator pbx, string extension, string password = "1234")
    {
        var client = await ConnectAsync(pbx.XctipEndPoint);
        var answer = await client.RequestAsync(new MakeLogRequest { Login = extension, Pass = password });
        Assert.True(answer.IsSuccess, answer.Error);
        return client;
    }

    public int NextCId() => Interlocked.Increment(ref _cid);

    public async Task SendAsync(params XctipMessage[] messages)
    {
        await _stream.WriteAsync(XctipCodec.ToBytes(messages));
        await _stream.FlushAsync();
    }

    public async Task SendRawAsync(string text)
    {
        await _stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text));
        await _stream.FlushAsync();
    }

    /// <summary>Sends a request with a fresh CId and returns its Answer (skipping other messages, which stay readable via <see cref="Received"/>).</summary>
    public async Task<XctipAnswer> RequestAsync(XctipRequest request)
    {
        int cid = NextCId();
        await SendAsync(request with { CId = cid });
        return await ReceiveAsync<XctipAnswer>(a => a.CId == cid);
    }

    /// <summary>Next message of type T that matches, skipping others.</summary>
    public async Task<T> ReceiveAsync<T>(Func<T, bool>? match = null)
        where T : XctipMessage
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (true)
        {
            var message = await _inbox.Reader.ReadAsync(cts.Token);
            if (message is T t && (match is null || match(t)))
            {
                return t;
            }
        }
    }

    /// <summary>The very next message, whatever it is.</summary>
    public async Task<XctipMessage> NextAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        return await _inbox.Reader.ReadAsync(cts.Token);
    }

    /// <summary>Sends WDTest and waits for WDOk: everything sent before it has arrived in order.</summary>
    public async Task<List<XctipMessage>> DrainAsync()
    {
        await SendAsync(new WatchdogTest());
        var list = new List<XctipMessage>();
        while (true)
        {
            var m = await NextAsync();
            if (m is WatchdogOk)
            {
                return list;
            }

            list.Add(m);
        }
    }

    public bool TryRead(out XctipMessage? message) => _inbox.Reader.TryRead(out message);

    public Task Completion => _reader;

    public async ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        await _stream.DisposeAsync();
        try
        {
            await _reader;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task ReadAsync()
    {
        var pipe = PipeReader.Create(_stream);
        var frames = new XctipFrameReader();
        try
        {
            while (true)
            {
                var result = await pipe.ReadAsync();
                var buffer = result.Buffer;
                while (true)
                {
                    ReadOnlySequence<byte> frame;
                    try
                    {
                        if (!frames.TryReadFrame(ref buffer, out frame))
                        {
                            break;
                        }
                    }
                    catch (XctipProtocolException)
                    {
                        ProtocolErrors++;
                        if (!frames.TrySkipToNextFrame(ref buffer))
                        {
                            break;
                        }

                        continue;
                    }

                    try
                    {
                        foreach (var m in XctipCodec.Decode(frame))
                        {
                            lock (Received)
                            {
                                Received.Add(m);
                            }

                            _inbox.Writer.TryWrite(m);
                        }
                    }
                    catch (XctipProtocolException)
                    {
                        ProtocolErrors++;
                    }
                }

                pipe.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }
}
