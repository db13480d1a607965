using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Slican.Cti.Protocol.Ctip;
using Slican.Cti.Protocol.Text;

namespace Slican.Cti.Testing.Tests;

/// <summary>A raw CTIP conversation partner built on the Protocol package's line codec.</summary>
internal sealed class CtipTestClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly Channel<CtipMessage> _inbox = Channel.CreateUnbounded<CtipMessage>();
    private readonly Task _reader;

    private CtipTestClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = Task.Run(ReadAsync);
    }

    public static async Task<CtipTestClient> ConnectAsync(IPEndPoint endPoint)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(endPoint.Address, endPoint.Port);
        return new CtipTestClient(tcp);
    }

    public async Task SendAsync(CtipMessage message) => await SendRawAsync(CtipCodec.ToBytes(message, CtiEncoding.Ibm852));

    public async Task SendRawAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>The next message that is not a test frame.</summary>
    public async Task<CtipMessage> NextAsync()
    {
        using var cts = new CancellationTokenSource(XctipTestClient.Timeout);
        while (true)
        {
            var m = await _inbox.Reader.ReadAsync(cts.Token);
            if (m is not CtipTestFrame)
            {
                return m;
            }
        }
    }

    /// <summary>The next message, test frames included.</summary>
    public async Task<CtipMessage> NextRawAsync()
    {
        using var cts = new CancellationTokenSource(XctipTestClient.Timeout);
        return await _inbox.Reader.ReadAsync(cts.Token);
    }

    public async Task<T> NextAsync<T>()
        where T : CtipMessage => Assert.IsType<T>(await NextAsync());

    public async Task<T> ReceiveAsync<T>(Func<T, bool>? match = null)
        where T : CtipMessage
    {
        while (true)
        {
            if (await NextAsync() is T t && (match is null || match(t)))
            {
                return t;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _tcp.Dispose();
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
        var lines = new CtipLineReader();
        try
        {
            while (true)
            {
                var result = await pipe.ReadAsync();
                var buffer = result.Buffer;
                while (lines.TryReadMessage(ref buffer, out var message))
                {
                    _inbox.Writer.TryWrite(message);
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
